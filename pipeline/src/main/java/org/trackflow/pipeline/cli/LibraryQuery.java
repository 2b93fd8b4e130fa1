package org.trackflow.pipeline.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LibraryRoot;
import org.trackflow.pipeline.flink.fs.FlinkStorage;
import org.trackflow.pipeline.playlists.Duplicates;
import org.trackflow.pipeline.playlists.FeatureSpace;
import org.trackflow.pipeline.playlists.PlaylistBuilder;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.pipeline.playlists.Similarity;
import org.trackflow.schemas.TrackRecord;

/**
 * What {@code similar} and {@code path} share: the analysed library of an output, its recorded root
 * (the {@code --library} given on the command line overrides it, for a library that moved), finding a
 * track from what the user typed, and writing an M3U8 whose entries resolve.
 */
final class LibraryQuery {
    final CurrentView view;
    final Path library;
    final List<TrackRecord> rows;
    final Similarity similarity;

    private LibraryQuery(CurrentView view, Path library, List<TrackRecord> rows) {
        this.view = view;
        this.library = library;
        this.rows = rows;
        this.similarity = Similarity.fit(rows);
    }

    static LibraryQuery open(TrackflowJob parent) throws IOException {
        CurrentView view = view(parent);
        Path library = library(parent, view);
        List<TrackRecord> all = PlaylistStore.currentRows(view);
        List<TrackRecord> rows = (parent.keepDuplicates ? all : Duplicates.unique(all)).stream().filter(FeatureSpace::usable)
                .sorted(Comparator.comparing(TrackRecord::getTrackId)).toList();
        if (rows.isEmpty()) {
            throw new UserError("no analysed track with features in " + OutputFolder.display(view.layout().root(), "current"));
        }
        return new LibraryQuery(view, library, rows);
    }

    /** The current view of {@code --out}, or a user error when nothing was analysed there. */
    static CurrentView view(TrackflowJob parent) throws IOException {
        String out = OutputFolder.uri(parent.out);
        CurrentView view = new CurrentView(new FlinkStorage(), out);
        if (!view.layout().storage().exists(view.layout().currentFile())) {
            throw new UserError("no analysed library in " + OutputFolder.display(out, "") + ": run trackflow on it first");
        }
        return view;
    }

    /** The library the output was made from, unless {@code --library} says where it is now. */
    static Path library(TrackflowJob parent, CurrentView view) throws IOException {
        Path recorded = LibraryRoot.read(view.layout());
        return parent.libraryGiven() || recorded == null ? Path.of(parent.library).toAbsolutePath().normalize() : recorded;
    }

    /** The track a user means: its id, its path, the end of its path, or (the first by path) a part of it. */
    int find(String seed) {
        return IntStream.range(0, rows.size()).filter(i -> rows.get(i).getTrackId().equals(seed) || rows.get(i).getPath().equals(seed))
                .findFirst()
                .orElseGet(() -> IntStream.range(0, rows.size()).filter(i -> rows.get(i).getPath().endsWith(seed)).findFirst()
                        .orElseGet(() -> IntStream.range(0, rows.size()).filter(i -> rows.get(i).getPath().contains(seed))
                                .boxed().min(Comparator.comparing(i -> rows.get(i).getPath()))
                                .orElseThrow(() -> new UserError("no analysed track matches '" + seed + "' in "
                                        + OutputFolder.display(view.layout().root(), "current")))));
    }

    /** Writes the playlist as {@code <out>/playlists/<folder>/<name>.m3u8}; returns where, for people. */
    String write(String folder, PlaylistBuilder.Playlist playlist) throws IOException {
        PlaylistStore store = new PlaylistStore(view.layout(), library);
        String file = view.layout().resolve("playlists/" + folder + "/" + PlaylistStore.fileName(playlist.name()) + ".m3u8");
        try (OutputStream o = view.layout().storage().create(file)) {
            o.write(store.m3u(playlist, PlaylistStore.localPath(file)).getBytes(StandardCharsets.UTF_8));
        }
        return OutputFolder.display(file, "");
    }

    /** One line of a listing. */
    static String line(int position, TrackRecord t, double distance) {
        return String.format(Locale.ROOT, "%3d. %-60s %10s  %-4s  %5.1f LUFS  d=%.3f", position, t.getPath(),
                t.getBpm() == null ? "no beat" : String.format(Locale.ROOT, "%.1f BPM", t.getBpm()),
                t.getCamelot() == null ? "" : t.getCamelot(), t.getLoudnessLufs(), distance);
    }
}
