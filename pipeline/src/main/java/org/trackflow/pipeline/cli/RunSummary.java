package org.trackflow.pipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ScanSummary;
import org.trackflow.pipeline.flink.ops.ChunkFeatures;
import org.trackflow.pipeline.flink.ops.DecodeAndChunk;
import org.trackflow.pipeline.flink.ops.TrackAggregator;
import java.util.List;
import org.trackflow.pipeline.duplicates.Duplicates;
import org.trackflow.pipeline.stage.PlaylistStage;
import org.trackflow.udfs.analysis.FeatureSet;

/**
 * The summary a run ends with. Counts come from the committed rows, not from accumulators: after a
 * failover those hold only what the last attempt did.
 */
final class RunSummary {
    private RunSummary() {}

    static void print(PrintStream console, Launcher.Outcome run, PostRun.Result post, Output output) throws IOException {
        ScanSummary.ScanCounts rows = ScanSummary.scan(output, run.scanId());
        ScanSummary.LibraryCounts library = ScanSummary.library(post.view(), FeatureSet.VERSION);
        JobExecutionResult result = run.result();
        // What the user waits for: the job (or the scan that found nothing) and the steps after it.
        double wall = run.wallSeconds() + post.stage().seconds();
        console.println();
        console.println("trackflow summary");
        if (rows.nothing()) {
            console.printf(Locale.ROOT, "  scan:          nothing changed since scan %d%n", post.stage().scan());
        } else {
            console.printf(Locale.ROOT, "  scan:          %d: %d analysed (%d ok, %d errors), %d moved, %d deleted; unchanged files skipped%n",
                    rows.scan(), rows.analysed(), rows.ok(), rows.errors(), rows.moved(), rows.deleted());
        }
        console.printf(Locale.ROOT, "  library:       %d tracks in the current view (%d ok, %d errors)%n",
                library.tracks(), library.tracks() - library.errors(), library.errors());
        if (library.outdated() > 0) {
            console.printf(Locale.ROOT, "  note:          %d tracks were analysed by an older feature set (< v%d); --reanalyze-outdated re-analyses them%n",
                    library.outdated(), FeatureSet.VERSION);
        }
        if (result == null) {
            console.printf(Locale.ROOT, "  wall time:     %.1f s (no job: the scan found nothing to do; current view and playlists %.1f s)%n",
                    wall, post.stage().seconds());
        } else {
            console.printf(Locale.ROOT, "  wall time:     %.1f s (job %.1f s; then current view, duplicates and playlists %.1f s)%n",
                    wall, result.getNetRuntime() / 1000.0, post.stage().seconds());
            console.printf(Locale.ROOT, "  throughput:    %.0f tracks/hour, %.0fx realtime (%.1f min of audio)%n",
                    rows.analysed() / wall * 3600, rows.audioSeconds() / wall, rows.audioSeconds() / 60);
            console.printf(Locale.ROOT, "  CPU by stage:  decode %.1f s, features %.1f s (summed over slots%s)%n",
                    value(result, DecodeAndChunk.DECODE_NANOS) / 1e9, value(result, ChunkFeatures.FEATURE_NANOS) / 1e9,
                    rows.analysed() > value(result, TrackAggregator.TRACKS_OK) + value(result, TrackAggregator.TRACKS_ERROR)
                            ? ", last attempt after a restart" : "");
        }
        console.printf("  output:        %s (current view), %s (history)%n", OutputFolder.display(output.currentFolder()),
                OutputFolder.display(output.history()));
        console.printf("  read it:       duckdb -c \"SELECT path, bpm, key, scale, loudness_lufs FROM '%s/*.parquet'\"%n",
                OutputFolder.display(output.currentFolder()));
        List<Duplicates.Group> duplicates = post.stage().duplicates();
        if (!duplicates.isEmpty()) {
            long copies = duplicates.stream().mapToLong(g -> g.copies().size() - 1).sum();
            long bytes = duplicates.stream().mapToLong(Duplicates.Group::redundantBytes).sum();
            console.printf(Locale.ROOT, "  duplicates:    %d recordings in more than one file: %d redundant copies, %.1f MB (trackflow duplicates lists them)%n",
                    duplicates.size(), copies, bytes / 1e6);
        }
        if (post.stage().playlists() == null) {
            console.printf("  playlists:     not rebuilt (%s); the scan's rows are saved, the next run retries%n", post.stage().playlistError());
            return;
        }
        PlaylistStage.Summary lists = post.stage().playlists();
        List<PlaylistStage.Listed> listed = lists.listed();
        String current = lists.rebuilt() ? "" : " (current: nothing they depend on changed)";
        List<String> stations = listed.stream().map(PlaylistStage.Listed::station).filter(java.util.Objects::nonNull).distinct().toList();
        if (stations.isEmpty()) {
            console.printf(Locale.ROOT, "  playlists:     %d (%s tracks) in %s%s%n", listed.size(),
                    listed.stream().map(p -> Integer.toString(p.size())).collect(Collectors.joining(", ")),
                    OutputFolder.display(output.playlists()), current);
            for (PlaylistStage.Listed p : listed) {
                console.printf("                 %s%n", p.name());
            }
        } else {
            // a large library: its stations, not thousands of playlist names
            console.printf(Locale.ROOT, "  playlists:     %d (%d-%d tracks) in %d stations, in %s%s%n", listed.size(),
                    listed.stream().mapToInt(PlaylistStage.Listed::size).min().orElse(0),
                    listed.stream().mapToInt(PlaylistStage.Listed::size).max().orElse(0), stations.size(),
                    OutputFolder.display(output.playlists()), current);
            for (String st : stations) {
                console.printf(Locale.ROOT, "                 %s (%d playlists)%n", st,
                        listed.stream().filter(p -> st.equals(p.station())).count());
            }
        }
        console.printf("  M3U8:          %s (play: mpv --playlist=\"%s\")%n", OutputFolder.display(output.m3uFolder()),
                lists.m3u().isEmpty() ? "<file>.m3u8" : OutputFolder.display(lists.m3u().get(0)));
        console.printf("  report:        %s%n", OutputFolder.display(lists.report()));
    }

    private static double value(JobExecutionResult r, String name) {
        Object v = r.getAccumulatorResult(name);
        return v == null ? 0 : ((Number) v).doubleValue();
    }
}
