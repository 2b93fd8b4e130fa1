package org.trackflow.pipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ScanSummary;
import org.trackflow.pipeline.flink.ops.ChunkFeatures;
import org.trackflow.pipeline.flink.ops.DecodeAndChunk;
import org.trackflow.pipeline.flink.ops.TrackAggregator;
import org.trackflow.pipeline.stage.AfterScan;
import org.trackflow.pipeline.stage.PlaylistStage;
import org.trackflow.udfs.analysis.FeatureSet;

/**
 * The summary a run ends with, from what the job wrote: the scan's committed rows (not accumulators: after a
 * failover those hold only what the last attempt did), the current view, the after-scan stage's record and
 * the playlists it left.
 */
final class RunSummary {
    private RunSummary() {}

    static void print(PrintStream console, Launcher.Outcome run, Output output) throws IOException {
        CurrentView view = new CurrentView(output);
        ScanSummary.ScanCounts rows = ScanSummary.scan(output, run.scanId());
        ScanSummary.LibraryCounts library = ScanSummary.library(view, FeatureSet.VERSION);
        Properties stage = AfterScan.lastRecord(output);
        double stageSeconds = stage == null ? 0 : Double.parseDouble(stage.getProperty("seconds", "0"));
        JobExecutionResult result = run.result();
        double wall = run.wallSeconds();
        console.println();
        console.println("trackflow summary");
        if (rows.nothing()) {
            // a job with no file to analyse ran for the stage: say what it had to do
            boolean reweighed = result != null && stage != null && stage.getProperty("steps", "").contains(AfterScan.REWEIGHED_STEP);
            console.printf(Locale.ROOT, "  scan:          nothing changed since scan %d%s%n", view.scanId(),
                    reweighed ? "; the rows' learned-model weights set to the cards' (" + AfterScan.modelWeights(stage) + ")" : "");
        } else {
            console.printf(Locale.ROOT, "  scan:          %d: %d analysed (%d ok, %d errors), %d moved, %d deleted; unchanged files skipped%n",
                    rows.scan(), rows.analysed(), rows.ok(), rows.errors(), rows.moved(), rows.deleted());
            if (rows.touched() + rows.retagged() > 0) {
                console.printf(Locale.ROOT, "  not decoded:   %d touched (new time, same bytes), %d retagged (same audio packets, new tags): "
                        + "features kept%n", rows.touched(), rows.retagged());
            }
            if (rows.modelsOnly() > 0) {
                console.printf(Locale.ROOT, "  models:        %d tracks decoded for the learned models they lacked alone (their features were "
                        + "current)%n", rows.modelsOnly());
            }
            if (rows.otherSettings() > 0) {
                console.printf(Locale.ROOT, "  settings:      %d tracks analysed again: their rows were made with other analysis settings "
                        + "than this run's (%s)%n", rows.otherSettings(), run.settings());
            }
        }
        if (stage != null && stage.getProperty("tags") != null) {
            console.printf(Locale.ROOT, "  tags:          %s (each file in %s)%n", stage.getProperty("tags"), OutputFolder.display(output.tagsReport()));
        }
        console.printf(Locale.ROOT, "  library:       %d tracks in the current view (%d ok, %d errors)%n",
                library.tracks(), library.tracks() - library.errors(), library.errors());
        if (library.outdated() > 0) {
            console.printf(Locale.ROOT, "  note:          %d tracks were analysed by an older feature set (< v%d); --reanalyze-outdated re-analyses them%n",
                    library.outdated(), FeatureSet.VERSION);
        }
        if (result == null) {
            console.printf(Locale.ROOT, "  wall time:     %.1f s (no job: the scan found nothing to do)%n", wall);
        } else {
            console.printf(Locale.ROOT, "  wall time:     %.1f s (job %.1f s, of which the after-scan stage %.1f s: current view, "
                    + "duplicates, playlists)%n", wall, result.getNetRuntime() / 1000.0, stageSeconds);
            if (rows.analysed() > 0) {
                console.printf(Locale.ROOT, "  throughput:    %.0f tracks/hour, %.0fx realtime (%.1f min of audio)%n",
                        rows.analysed() / wall * 3600, rows.audioSeconds() / wall, rows.audioSeconds() / 60);
            }
            if (rows.analysed() + rows.modelsOnly() > 0) {
                console.printf(Locale.ROOT, "  CPU by stage:  decode %.1f s, features %.1f s (summed over slots%s)%n",
                        value(result, DecodeAndChunk.DECODE_NANOS) / 1e9, value(result, ChunkFeatures.FEATURE_NANOS) / 1e9,
                        rows.analysed() > value(result, TrackAggregator.TRACKS_OK) + value(result, TrackAggregator.TRACKS_ERROR)
                                ? ", last attempt after a restart" : "");
            }
        }
        console.printf("  output:        %s (current view), %s (history)%n", OutputFolder.display(output.currentFolder()),
                OutputFolder.display(output.history()));
        console.printf("  read it:       duckdb -c \"SELECT path, bpm, key, scale, loudness_lufs FROM '%s/*.parquet'\"%n",
                OutputFolder.display(output.currentFolder()));
        if (stage == null) {
            return;
        }
        long groups = Long.parseLong(stage.getProperty("duplicate-groups", "0"));
        if (groups > 0) {
            console.printf(Locale.ROOT, "  duplicates:    %d recordings in more than one file: %s redundant copies, %.1f MB (trackflow duplicates lists them)%n",
                    groups, stage.getProperty("redundant-copies"), Long.parseLong(stage.getProperty("redundant-bytes", "0")) / 1e6);
        }
        if (stage.getProperty("error") != null) {
            console.printf("  playlists:     not rebuilt (%s); the scan's rows are saved, the next run retries%n", stage.getProperty("error"));
            return;
        }
        printPlaylists(console, output);
    }

    private static void printPlaylists(PrintStream console, Output output) throws IOException {
        List<PlaylistStage.Listed> listed = PlaylistStage.listed(output);
        List<String> stations = listed.stream().map(PlaylistStage.Listed::station).filter(Objects::nonNull).distinct().toList();
        if (stations.isEmpty()) {
            console.printf(Locale.ROOT, "  playlists:     %d (%s tracks) in %s%n", listed.size(),
                    listed.stream().map(p -> Integer.toString(p.size())).collect(Collectors.joining(", ")),
                    OutputFolder.display(output.playlists()));
            for (PlaylistStage.Listed p : listed) {
                console.printf("                 %s%n", p.name());
            }
        } else {
            // a large library: its stations, not thousands of playlist names
            console.printf(Locale.ROOT, "  playlists:     %d (%d-%d tracks) in %d stations, in %s%n", listed.size(),
                    listed.stream().mapToInt(PlaylistStage.Listed::size).min().orElse(0),
                    listed.stream().mapToInt(PlaylistStage.Listed::size).max().orElse(0), stations.size(),
                    OutputFolder.display(output.playlists()));
            for (String st : stations) {
                console.printf(Locale.ROOT, "                 %s (%d playlists)%n", st,
                        listed.stream().filter(p -> st.equals(p.station())).count());
            }
        }
        console.printf("  M3U8:          %s (play: mpv --playlist=\"%s\")%n", OutputFolder.display(output.m3uFolder()),
                listed.isEmpty() ? "<file>.m3u8" : OutputFolder.display(output.m3uFile(listed.get(0).station(), listed.get(0).name())));
        console.printf("  report:        %s%n", OutputFolder.display(output.report()));
    }

    private static double value(JobExecutionResult r, String name) {
        Object v = r.getAccumulatorResult(name);
        return v == null ? 0 : ((Number) v).doubleValue();
    }
}
