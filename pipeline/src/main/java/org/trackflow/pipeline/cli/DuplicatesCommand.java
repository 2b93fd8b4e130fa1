package org.trackflow.pipeline.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.duplicates.Duplicates;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.schemas.TrackRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code trackflow duplicates}: every recording held in more than one file, its copies (the preferred one
 * first) with codec, bit rate and size, and the space the other copies take. It never deletes or moves a
 * file; {@code --m3u8} writes the redundant copies as a playlist for review.
 */
@Command(name = "duplicates", mixinStandardHelpOptions = true,
        description = "List the recordings held in more than one file (by audio fingerprint); never deletes anything.")
final class DuplicatesCommand implements Callable<Integer> {
    @ParentCommand
    TrackflowJob parent;

    @Option(names = "--m3u8", description = "Also write the redundant copies as playlists/duplicates/redundant copies.m3u8.")
    boolean m3u8;

    @Override
    public Integer call() throws Exception {
        CurrentView view = LibraryQuery.view(parent);
        // The groups as the last run wrote them into the current view (no fingerprint is compared here).
        List<Duplicates.Group> groups = Duplicates.recorded(view.rows());
        long redundant = 0;
        long bytes = 0;
        for (Duplicates.Group g : groups) {
            System.out.printf(Locale.ROOT, "%s: %d copies, %.1f MB in the %d others%n", g.recordingId(), g.copies().size(),
                    g.redundantBytes() / 1e6, g.copies().size() - 1);
            for (TrackRecord r : g.copies()) {
                System.out.printf(Locale.ROOT, "  %s %-60s %-10s %4s kb/s %6d Hz %8.1f MB%n", r == g.preferred() ? "*" : " ",
                        r.getPath(), r.getCodec(), r.getBitrate() == null ? "?" : Long.toString(r.getBitrate() / 1000),
                        r.getSampleRate() == null ? 0 : r.getSampleRate(), r.getSizeBytes() / 1e6);
            }
            redundant += g.copies().size() - 1;
            bytes += g.redundantBytes();
        }
        System.out.printf(Locale.ROOT, "%d recordings in more than one file; %d redundant copies take %.1f MB (* = the preferred copy)%n",
                groups.size(), redundant, bytes / 1e6);
        if (m3u8 && redundant > 0) {
            Path library = LibraryQuery.library(parent, view);
            List<TrackRecord> copies = groups.stream().flatMap(g -> g.copies().stream().skip(1)).toList();
            String file = view.output().duplicatesPlaylist();
            new PlaylistStore(view.output(), library).writeM3u(file, "redundant copies", copies);
            System.out.println("Written to " + OutputFolder.display(file));
        }
        return 0;
    }
}
