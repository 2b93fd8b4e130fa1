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
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * What follows a scan whose rows are committed, in order: fold them into the current view
 * ({@link CurrentView#compact}), group the copies of a recording ({@link Duplicates}), rebuild the playlists,
 * M3U8, report and index when what they depend on changed ({@link PlaylistStage}). Every step writes whole
 * files or nothing and is skipped when its output is current, so the stage can run again at any time (after a
 * failure, a restart, a second commit) and ends with the same output. A playlist failure is reported in the
 * stage's record ({@link Output#afterScan}) and leaves the scan's rows and the current view as they are; the
 * next run retries. The record says which view (scan, bytes) and settings the stage made its output from.
 * <p>
 * {@link #run} does it all in this process; the job runs it as {@link #begin}, the slots' work of a large
 * library ({@link LibraryRebuild}), and {@link #end}.
 */
public final class AfterScan {
    private static final Logger LOG = LoggerFactory.getLogger(AfterScan.class);

    /** {@code --write-tags} off, on, or listing only. */
    public static final String WRITE_TAGS_OFF = "off";
    public static final String WRITE_TAGS_ON = "on";
    public static final String WRITE_TAGS_DRY_RUN = "dry-run";

    /** What the stage needs besides the output: the library (for M3U8 entries) and the playlists' options. */
    public record Settings(String library, PlaylistOptions playlists, boolean keepDuplicates, String writeTags, String modelWeights)
            implements Serializable {
        public Settings(String library, PlaylistOptions playlists, boolean keepDuplicates) {
            this(library, playlists, keepDuplicates, WRITE_TAGS_OFF, "");
        }

        /** With the weights of the run's model cards ({@code --model}; none: the rows keep theirs). */
        public Settings(String library, PlaylistOptions playlists, boolean keepDuplicates, String writeTags,
                        List<org.trackflow.udfs.model.ModelSpec> models) {
            this(library, playlists, keepDuplicates, writeTags, ModelWeights.key(models));
        }

        public Path libraryPath() {
            return Path.of(library);
        }

        /** The settings as one line, with the stage's version: a stage made with other settings or by older code is not current. */
        String key() {
            return String.format(Locale.ROOT, "stage=%d library=%s playlists=%s keep-duplicates=%b write-tags=%s", PlaylistStage.STAGE_VERSION,
                    libraryPath().toAbsolutePath().normalize(), playlists.key(), keepDuplicates, writeTags);
        }
    }

    /** What one run of the stage did (in this process). */
    public record Result(long scan, List<Duplicates.Group> duplicates, PlaylistStage.Summary playlists, String playlistError,
                         double seconds) {}

    /** How a run in the job began: done (null plan), or a large library's tasks for the slots. */
    public record Begun(LibraryRebuild.Planned planned) {}

    private AfterScan() {}

    /** Runs the whole stage on {@code output}, in this process. */
    public static Result run(Output output, Settings settings) throws IOException {
        long t0 = System.nanoTime();
        Steps steps = new Steps();
        CurrentView view = new CurrentView(output);
        long scan = view.compact();
        steps.done("fold");
        weights(view, settings, steps);
        List<Duplicates.Group> groups = List.of();
        PlaylistStage.Summary playlists = null;
        String error = null;
        try {
            groups = Duplicates.update(view);
            steps.done("duplicates");
            tags(view, settings, steps);
            playlists = PlaylistStage.updateIfStale(view, settings.libraryPath(), settings.playlists(), settings.keepDuplicates());
            steps.done("playlists");
        } catch (IOException | RuntimeException e) {
            LOG.warn("Duplicates or playlists not rebuilt after scan {}", scan, e);
            error = message(e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        record(view, settings, 0, groups.size(), redundantCopies(groups), redundantBytes(groups),
                playlists == null ? -1 : playlists.listed().size(), error, seconds, steps.toString(), steps.tags);
        return new Result(scan, groups, playlists, error, seconds);
    }

    /**
     * The job's run, first step: nothing when the stage is current; else fold and group, then the playlists of
     * a small library here, or the tasks of a large one's {@link LibraryRebuild} (whose {@link #end} writes the
     * record).
     */
    public static Begun begin(Output output, Settings settings, long rebuild) throws IOException {
        if (current(output, settings)) {
            return new Begun(null);
        }
        long started = System.currentTimeMillis();
        Steps steps = new Steps();
        CurrentView view = new CurrentView(output);
        view.compact();
        steps.done("fold");
        weights(view, settings, steps);
        List<Duplicates.Group> groups = List.of();
        try {
            groups = Duplicates.update(view);
            steps.done("duplicates");
            tags(view, settings, steps);
            List<TrackRecord> rows = PlaylistStage.current(view, settings) ? List.of() : PlaylistStage.rows(view, settings.keepDuplicates());
            int usable = (int) rows.stream().filter(FeatureSpace::usable).count();
            if (LibraryRebuild.applies(usable, settings.playlists())) {
                LibraryRebuild.Planned planned = LibraryRebuild.plan(view, settings, rebuild, rows);
                StageMessage.RebuildPlan plan = planned.plan().plan;
                plan.duplicateGroups = groups.size();
                plan.redundantCopies = redundantCopies(groups);
                plan.redundantBytes = redundantBytes(groups);
                plan.startedMillis = started;
                steps.done("plan");
                plan.steps = steps.toString();
                plan.tags = steps.tags;
                plan.plannedMillis = System.currentTimeMillis();
                return new Begun(planned);
            }
            PlaylistStage.Summary playlists = PlaylistStage.updateIfStale(view, settings.libraryPath(), settings.playlists(),
                    settings.keepDuplicates());
            steps.done("playlists");
            record(view, settings, rebuild, groups.size(), redundantCopies(groups), redundantBytes(groups), playlists.listed().size(), null,
                    (System.currentTimeMillis() - started) / 1e3, steps.toString(), steps.tags);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Duplicates or playlists not rebuilt after scan {}", view.scanId(), e);
            record(view, settings, rebuild, groups.size(), redundantCopies(groups), redundantBytes(groups), -1, message(e),
                    (System.currentTimeMillis() - started) / 1e3, steps.toString(), steps.tags);
        }
        return new Begun(null);
    }

    /**
     * The job's run of a large library, last step: the stations' results joined and written (or, when a task
     * failed, {@code error} recorded and the previous playlists kept), and the record written.
     */
    public static void end(Output output, Settings settings, long rebuild, StageMessage.RebuildPlan plan,
                           List<StageMessage.StationResult> stations, String error) throws IOException {
        CurrentView view = new CurrentView(output);
        int listed = -1;
        String failure = error;
        long committing = System.currentTimeMillis();
        if (failure == null) {
            try {
                listed = LibraryRebuild.commit(view, settings, rebuild, plan, stations).listed().size();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Playlists not written after scan {}", view.scanId(), e);
                failure = message(e);
            }
        }
        String steps = String.format(Locale.ROOT, "%s, slots %.1f s, commit %.1f s", plan.steps, (committing - plan.plannedMillis) / 1e3,
                (System.currentTimeMillis() - committing) / 1e3);
        record(view, settings, rebuild, plan.duplicateGroups, plan.redundantCopies, plan.redundantBytes, listed, failure,
                (System.currentTimeMillis() - plan.startedMillis) / 1e3, steps, plan.tags);
    }

    /** The run's model weights into the view's rows (a step of its own in the record when it rewrote any). */
    private static void weights(CurrentView view, Settings settings, Steps steps) throws IOException {
        if (!ModelWeights.differs(view, settings.modelWeights())) {
            return;
        }
        // The playlists and the index (whose freshness is the view's scan, which a rewrite keeps) are made from
        // the rows about to change: both are made stale first, so that a crash before the rewrite ends still
        // leaves them to be rebuilt.
        view.output().storage().delete(view.output().playlistsBuilt());
        if (view.output().index() != null) {
            org.trackflow.pipeline.neighbours.IndexBuilder.delete(view.output().index());
        }
        ModelWeights.rewrite(view, settings.modelWeights());
        steps.done(REWEIGHED_STEP);
    }

    /** {@code --write-tags}: into the files of the tracks analysed since the last write (a step of its own in the record). */
    private static void tags(CurrentView view, Settings settings, Steps steps) throws IOException {
        if (settings.writeTags() == null || WRITE_TAGS_OFF.equals(settings.writeTags())) {
            return;
        }
        org.trackflow.pipeline.tags.TagWriteStep.Report r = org.trackflow.pipeline.tags.TagWriteStep.run(view, settings.libraryPath(),
                WRITE_TAGS_DRY_RUN.equals(settings.writeTags()));
        steps.done("tags");
        steps.tags = r.toString();
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static long redundantCopies(List<Duplicates.Group> groups) {
        return groups.stream().mapToLong(g -> g.copies().size() - 1).sum();
    }

    private static long redundantBytes(List<Duplicates.Group> groups) {
        return groups.stream().mapToLong(Duplicates.Group::redundantBytes).sum();
    }

    /** The stage's record: the view it made its output from (scan, bytes), its settings, and what it found. */
    private static void record(CurrentView view, Settings settings, long rebuild, int groups, long copies, long bytes, int playlists,
                               String error, double seconds, String steps, String tags) throws IOException {
        LOG.info("After-scan stage of scan {} in {} s: {}", view.scanId(), String.format(Locale.ROOT, "%.1f", seconds), steps);
        Output output = view.output();
        Properties p = new Properties();
        p.setProperty("scan", Long.toString(view.scanId()));
        p.setProperty("view-bytes", Long.toString(viewBytes(output)));
        p.setProperty("settings", settings.key());
        if (!settings.modelWeights().isEmpty()) {
            p.setProperty(ModelWeights.RECORD, settings.modelWeights());
        }
        p.setProperty("rebuild", Long.toString(rebuild));
        p.setProperty("finished", Instant.now().toString());
        p.setProperty("seconds", String.format(Locale.ROOT, "%.3f", seconds));
        p.setProperty("steps", steps);
        if (tags != null) {
            p.setProperty("tags", tags);
        }
        p.setProperty("duplicate-groups", Integer.toString(groups));
        p.setProperty("redundant-copies", Long.toString(copies));
        p.setProperty("redundant-bytes", Long.toString(bytes));
        if (playlists >= 0) {
            p.setProperty("playlists", Integer.toString(playlists));
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

    /** The step's name in a record's {@code steps} when the stage set the rows' model weights to the run's cards'. */
    public static final String REWEIGHED_STEP = "model weights";

    /** The model weights ({@code name=weight;...}) a record says the stage brought the view to, or null. */
    public static String modelWeights(Properties record) {
        return record == null ? null : record.getProperty(ModelWeights.RECORD);
    }

    /** The stage's last record as written (a reader that keeps it tells a new stage by it), or null when it never ran on this output. */
    public static String recordText(Output output) throws IOException {
        return output.storage().exists(output.afterScan()) ? output.storage().readText(output.afterScan()) : null;
    }

    /** The stage's last record, or null when it never ran on this output. */
    public static Properties lastRecord(Output output) throws IOException {
        return parse(recordText(output));
    }

    /** A record's text as properties (null for null). */
    public static Properties parse(String recordText) throws IOException {
        if (recordText == null) {
            return null;
        }
        Properties p = new Properties();
        p.load(new StringReader(recordText));
        return p;
    }

    /**
     * Whether {@code record} was made from scan {@code scan}'s current view: what the stage built (playlists,
     * index, duplicate groups) goes with the rows a reader sees, not with a scan folded in since.
     */
    public static boolean madeFrom(Properties record, long scan) {
        return record != null && Long.toString(scan).equals(record.getProperty("scan"));
    }

    /** Whether the stage's last record is that of rebuild {@code rebuild}. */
    public static boolean finished(Output output, long rebuild) throws IOException {
        Properties p = lastRecord(output);
        return p != null && Long.toString(rebuild).equals(p.getProperty("rebuild"));
    }

    /**
     * Whether the stage's output is that of the current view as it is now, with these settings: every
     * committed history file folded in, and the stage's record made from this view (its scan and its bytes).
     */
    public static boolean current(Output output, Settings settings) throws IOException {
        Properties p = lastRecord(output);
        if (p == null) {
            return false;
        }
        CurrentView view = new CurrentView(output);
        return view.unfolded().isEmpty() && madeFrom(p, view.scanId())
                && Long.toString(viewBytes(output)).equals(p.getProperty("view-bytes")) && settings.key().equals(p.getProperty("settings"))
                && ModelWeights.current(settings.modelWeights(), p);
    }

    /** The seconds of each step of one run, in order: "fold 1.2 s, duplicates 0.8 s, plan 5.1 s". */
    private static final class Steps {
        private final StringBuilder done = new StringBuilder();
        /** What the tags step did, for the record, or null. */
        private String tags;
        private long last = System.nanoTime();

        void done(String step) {
            long now = System.nanoTime();
            done.append(done.isEmpty() ? "" : ", ").append(step).append(String.format(Locale.ROOT, " %.1f s", (now - last) / 1e9));
            last = now;
        }

        @Override
        public String toString() {
            return done.toString();
        }
    }
}
