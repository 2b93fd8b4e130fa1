package org.trackflow.pipeline.stage;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.duplicates.Duplicates;
import org.trackflow.pipeline.playlists.PlaylistOptions;

/**
 * What follows a scan whose rows are committed, in order: fold them into the current view
 * ({@link CurrentView#compact}), group the copies of a recording ({@link Duplicates}), rebuild the playlists,
 * M3U8, report and index when what they depend on changed ({@link PlaylistStage}). Every step writes whole
 * files or nothing and is skipped when its output is current, so the stage can be run again at any time
 * (after a failure, a restart, a second commit) and ends with the same output. A playlist failure is
 * reported in the record and leaves the scan's rows and the current view as they are; the next run of the
 * stage retries. The stage's record ({@link Output#afterScan}) says which view it made its output from.
 */
public final class AfterScan {
    private static final Logger LOG = LoggerFactory.getLogger(AfterScan.class);

    /** What the stage needs besides the output: the library (for M3U8 entries) and the playlists' options. */
    public record Settings(String library, PlaylistOptions playlists, boolean keepDuplicates) implements Serializable {
        public Path libraryPath() {
            return Path.of(library);
        }

        /** The settings as one line: a stage made with other settings is not current. */
        String key() {
            return String.format(Locale.ROOT, "library=%s playlists=%s keep-duplicates=%b", libraryPath().toAbsolutePath().normalize(),
                    playlists.key(), keepDuplicates);
        }
    }

    /** What one run of the stage did. */
    public record Result(long scan, List<Duplicates.Group> duplicates, PlaylistStage.Summary playlists, String playlistError,
                         double seconds) {}

    private AfterScan() {}

    /** Runs the stage on {@code output}. */
    public static Result run(Output output, Settings settings) throws IOException {
        long t0 = System.nanoTime();
        CurrentView view = new CurrentView(output);
        long scan = view.compact();
        List<Duplicates.Group> groups = List.of();
        PlaylistStage.Summary playlists = null;
        String error = null;
        try {
            groups = Duplicates.update(view);
            playlists = PlaylistStage.updateIfStale(view, settings.libraryPath(), settings.playlists(), settings.keepDuplicates());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Duplicates or playlists not rebuilt after scan {}", scan, e);
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        record(view, settings, groups, playlists, error, seconds);
        return new Result(scan, groups, playlists, error, seconds);
    }

    /** The stage's record: the view it made its output from (scan, bytes) and what it found. */
    private static void record(CurrentView view, Settings settings, List<Duplicates.Group> groups, PlaylistStage.Summary playlists, String error,
                               double seconds) throws IOException {
        Output output = view.output();
        Properties p = new Properties();
        p.setProperty("scan", Long.toString(view.scanId()));
        p.setProperty("view-bytes", Long.toString(viewBytes(output)));
        p.setProperty("settings", settings.key());
        p.setProperty("finished", Instant.now().toString());
        p.setProperty("seconds", String.format(Locale.ROOT, "%.3f", seconds));
        p.setProperty("duplicate-groups", Integer.toString(groups.size()));
        p.setProperty("redundant-copies", Long.toString(groups.stream().mapToLong(g -> g.copies().size() - 1).sum()));
        p.setProperty("redundant-bytes", Long.toString(groups.stream().mapToLong(Duplicates.Group::redundantBytes).sum()));
        if (playlists != null) {
            p.setProperty("playlists", Integer.toString(playlists.listed().size()));
            p.setProperty("playlists-rebuilt", Boolean.toString(playlists.rebuilt()));
        }
        if (error != null) {
            p.setProperty("error", error);
        }
        StringWriter text = new StringWriter();
        p.store(text, "what the after-scan stage last made, and from which current view");
        output.storage().writeAtomically(output.afterScan(), text.toString());
    }

    private static long viewBytes(Output output) throws IOException {
        return output.storage().exists(output.currentFile()) ? output.storage().length(output.currentFile()) : -1;
    }

    /** The stage's last record, or null when it never ran on this output. */
    public static Properties lastRecord(Output output) throws IOException {
        if (!output.storage().exists(output.afterScan())) {
            return null;
        }
        Properties p = new Properties();
        p.load(new StringReader(output.storage().readText(output.afterScan())));
        return p;
    }

    /**
     * Whether the stage's output is that of the current view as it is now, with these settings: every
     * committed history file folded in, and the stage's record made from this view (its scan and its bytes).
     */
    public static boolean current(Output output, Settings settings) throws IOException {
        Properties p = lastRecord(output);
        CurrentView view = new CurrentView(output);
        return p != null && view.unfolded().isEmpty() && Long.toString(view.scanId()).equals(p.getProperty("scan"))
                && Long.toString(viewBytes(output)).equals(p.getProperty("view-bytes")) && settings.key().equals(p.getProperty("settings"));
    }
}
