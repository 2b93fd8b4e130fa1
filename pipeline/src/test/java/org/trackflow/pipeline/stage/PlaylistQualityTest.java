package org.trackflow.pipeline.stage;

import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.playlists.PlaylistOrder;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.flink.TrackflowPipeline;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.LocalStorage;
import org.trackflow.pipeline.catalog.Storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.pipeline.JobRunner;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.testkit.DemoLibrary;
import org.trackflow.pipeline.fixtures.AdjustedRandIndex;

/** Playlists recover known groups, are ordered for listening, keep their identity, and play. */
class PlaylistQualityTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = JobRunner.miniCluster();

    @TempDir
    Path tmp;

    private static String style(TrackRecord t) {
        return t.getPath().substring(0, t.getPath().indexOf('/'));
    }

    @Test
    void playlistsRecoverTheGroupsAreWellOrderedStableAndPlayable() throws Exception {
        Path library = tmp.resolve("library");
        DemoLibrary.write(library, 10); // 4 styles x 10 tracks
        Path out = tmp.resolve("out");
        // groups of 10: playlists of 8-30 tracks (--playlist-size 8-30); the default 20-60 allows only 2 here.
        // Every copy is kept: two noise-rock tracks of the generator (100 BPM, E major) are one recording by
        // their fingerprints, which the job's duplicate groups say.
        PlaylistOptions options = new PlaylistOptions(0, 8, 30, 42);
        TrackflowPipeline.Settings settings = TrackflowPipeline.Settings.full(library.toString(), out.toUri().toString(),
                FrameGrid.DEFAULT_ANALYSIS_RATE, 30).withPlaylists(options, true);
        JobRunner.run(settings, out, 2);
        // the playlists the job made, as the stage gives them again from the same view
        PlaylistStage.Summary first = PlaylistStage.update(new CurrentView(new Output(new LocalStorage(), out.toUri().toString())), library, options, true);

        // 1. the groups come back
        List<String> truth = new ArrayList<>();
        List<String> got = new ArrayList<>();
        for (Playlist p : first.playlists()) {
            for (TrackRecord t : p.tracks()) {
                truth.add(style(t));
                got.add(p.id());
            }
        }
        double ari = AdjustedRandIndex.of(truth, got);
        System.out.printf("playlists: %d, sizes %s, adjusted Rand index %.3f%n", first.playlists().size(),
                first.playlists().stream().map(p -> p.tracks().size()).toList(), ari);
        assertThat(truth).hasSize(40);
        assertThat(ari).isGreaterThanOrEqualTo(0.9);

        // 2. the order beats a random order of the same playlists on tempo steps and key compatibility
        double[] ours = orderQuality(first.playlists().stream().map(Playlist::tracks).toList());
        double[] random = new double[2];
        Random r = new Random(3);
        int shuffles = 50;
        for (int s = 0; s < shuffles; s++) {
            List<List<TrackRecord>> shuffled = new ArrayList<>();
            for (Playlist p : first.playlists()) {
                List<TrackRecord> copy = new ArrayList<>(p.tracks());
                Collections.shuffle(copy, r);
                shuffled.add(copy);
            }
            double[] q = orderQuality(shuffled);
            random[0] += q[0] / shuffles;
            random[1] += q[1] / shuffles;
        }
        System.out.printf("mean tempo step %.2f %% (random order %.2f %%), Camelot-compatible neighbours %.0f %% (random %.0f %%)%n",
                100 * ours[0], 100 * random[0], 100 * ours[1], 100 * random[1]);
        assertThat(ours[0]).isLessThan(random[0]);
        assertThat(ours[1]).isGreaterThanOrEqualTo(random[1]);

        // 3. M3U8 files play: header, EXTINF, paths relative to the file that resolve to the tracks
        assertThat(first.m3u()).hasSize(first.playlists().size());
        for (String m3u : first.m3u()) {
            Path file = Storage.localFile(m3u);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).isEqualTo("#EXTM3U");
            List<String> entries = lines.stream().filter(l -> !l.startsWith("#")).toList();
            assertThat(lines.stream().filter(l -> l.startsWith("#EXTINF:")).toList()).hasSameSizeAs(entries)
                    .allSatisfy(l -> assertThat(l).matches("#EXTINF:\\d+,trackflow demo - .+"));
            for (String e : entries) {
                assertThat(e).doesNotStartWith("/");
                assertThat(file.getParent().resolve(e).normalize()).exists().startsWith(library);
            }
        }
        String html = Files.readString(Storage.localFile(first.report()));
        assertThat(html).contains("<svg").contains("Map of the library").doesNotContain("http://", "https://");

        // 4. an incremental scan adding three tracks keeps the playlists' ids and names, and most tracks
        Map<String, List<String>> before = first.playlists().stream().collect(Collectors.toMap(
                Playlist::id, p -> p.tracks().stream().map(TrackRecord::getTrackId).toList()));
        Map<String, String> names = first.playlists().stream().collect(Collectors.toMap(Playlist::id, Playlist::name));
        Path extra = tmp.resolve("extra");
        DemoLibrary.write(extra, 11);
        try (Stream<Path> s = Files.walk(extra)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith("11 ")).limit(3).toList()) {
                Path target = library.resolve(extra.relativize(p));
                Files.createDirectories(target.getParent());
                Files.copy(p, target);
            }
        }
        JobRunner.run(settings, out, 2);
        PlaylistStage.Summary second = PlaylistStage.update(new CurrentView(new Output(new LocalStorage(), out.toUri().toString())), library, options, true);
        assertThat(second.playlists()).extracting(Playlist::id).containsExactlyInAnyOrderElementsOf(before.keySet());
        int kept = 0;
        int total = 0;
        for (Playlist p : second.playlists()) {
            assertThat(p.name()).isEqualTo(names.get(p.id()));
            List<String> now = p.tracks().stream().map(TrackRecord::getTrackId).toList();
            kept += (int) before.get(p.id()).stream().filter(now::contains).count();
            total += before.get(p.id()).size();
        }
        System.out.printf("after adding 3 tracks: %d of %d tracks stayed in their playlist%n", kept, total);
        assertThat(kept).isGreaterThanOrEqualTo((int) (0.9 * total));
    }

    /** Mean relative tempo step between neighbours, and the share of Camelot-compatible neighbours. */
    static double[] orderQuality(List<List<TrackRecord>> playlists) {
        double steps = 0;
        double compatible = 0;
        int pairs = 0;
        for (List<TrackRecord> p : playlists) {
            for (int i = 1; i < p.size(); i++) {
                TrackRecord a = p.get(i - 1);
                TrackRecord b = p.get(i);
                steps += Math.abs(b.getBpm() / a.getBpm() - 1);
                compatible += PlaylistOrder.camelotCompatible(a.getCamelot(), b.getCamelot()) ? 1 : 0;
                pairs++;
            }
        }
        return new double[] {steps / pairs, compatible / pairs};
    }
}
