package org.trackflow.pipeline.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LibraryRoot;
import org.trackflow.pipeline.neighbours.Neighbours;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.schemas.TrackRecord;

/**
 * What {@code similar} and {@code path} share: the analysed library of an output, its recorded root
 * (the {@code --library} given on the command line overrides it, for a library that moved), finding a
 * track from what the user typed, and writing an M3U8 whose entries resolve.
 */
final class LibraryQuery implements AutoCloseable {
    final CurrentView view;
    final Path library;
    final Neighbours neighbours;

    private LibraryQuery(CurrentView view, Path library, Neighbours neighbours) {
        this.view = view;
        this.library = library;
        this.neighbours = neighbours;
    }

    static LibraryQuery open(TrackflowJob parent) throws IOException {
        CurrentView view = view(parent);
        Path library = library(parent, view);
        Neighbours neighbours = Neighbours.open(view, parent.keepDuplicates);
        if (neighbours == null) {
            throw new UserError("no analysed track with features in " + OutputFolder.display(view.output().currentFolder()));
        }
        return new LibraryQuery(view, library, neighbours);
    }

    /** The current view of {@code --out}, or a user error when nothing was analysed there. */
    static CurrentView view(TrackflowJob parent) throws IOException {
        CurrentView view = new CurrentView(OutputFolder.open(OutputFolder.uri(parent.out)));
        if (!view.exists()) {
            throw new UserError("no analysed library in " + OutputFolder.display(view.output().root()) + ": run trackflow on it first");
        }
        return view;
    }

    /** The library the output was made from, unless {@code --library} says where it is now. */
    static Path library(TrackflowJob parent, CurrentView view) throws IOException {
        Path recorded = LibraryRoot.read(view.output());
        return parent.libraryGiven() || recorded == null ? Path.of(parent.library).toAbsolutePath().normalize() : recorded;
    }

    /** The track a user means: its id, its path, the end of its path, or (the first by path) a part of it. */
    TrackRecord find(String seed) throws IOException {
        TrackRecord r = neighbours.find(seed);
        if (r == null) {
            throw new UserError("no analysed track matches '" + seed + "' in " + OutputFolder.display(view.output().currentFolder()));
        }
        return r;
    }

    @Override
    public void close() throws IOException {
        neighbours.close();
    }

    /** Writes {@code tracks} as the M3U8 {@code file} (a location of the output) named {@code name}; returns where, for people. */
    String write(String file, String name, List<org.trackflow.schemas.TrackRecord> tracks) throws IOException {
        new PlaylistStore(view.output(), library).writeM3u(file, name, tracks);
        return OutputFolder.display(file);
    }

    /** One line of a listing. */
    static String line(int position, TrackRecord t, double distance) {
        return String.format(Locale.ROOT, "%3d. %-60s %10s  %-4s  %5.1f LUFS  d=%.3f", position, t.getPath(),
                t.getBpm() == null ? "no beat" : String.format(Locale.ROOT, "%.1f BPM", t.getBpm()),
                t.getCamelot() == null ? "" : t.getCamelot(), t.getLoudnessLufs(), distance);
    }
}
