package org.trackflow.pipeline.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.pipeline.duplicates.Duplicates;

/** Every playlist within --playlist-size on small, odd and skewed libraries; artists and albums spaced out. */
class PlaylistSizesTest {
    /** Points in blobs of the given sizes, far apart. */
    static double[][] blobs(int... sizes) {
        SplittableRandom r = new SplittableRandom(5);
        List<double[]> points = new ArrayList<>();
        for (int b = 0; b < sizes.length; b++) {
            for (int i = 0; i < sizes[b]; i++) {
                points.add(new double[] {10 * b + r.nextGaussian(), r.nextGaussian(), r.nextGaussian()});
            }
        }
        return points.toArray(double[][]::new);
    }

    static List<List<Integer>> asClusters(int... sizes) {
        List<List<Integer>> out = new ArrayList<>();
        int from = 0;
        for (int s : sizes) {
            List<Integer> c = new ArrayList<>();
            for (int i = 0; i < s; i++) {
                c.add(from + i);
            }
            out.add(c);
            from += s;
        }
        return out;
    }

    static void assertPartition(List<List<Integer>> clusters, int n) {
        List<Integer> all = new ArrayList<>();
        clusters.forEach(all::addAll);
        assertThat(all).hasSize(n);
        assertThat(new HashSet<>(all)).hasSize(n);
    }

    @Test
    void skewedClustersAreCutAndMergedIntoTheRange() {
        int[] sizes = {150, 10, 3, 41, 61};
        double[][] x = blobs(sizes);
        List<List<Integer>> clusters = asClusters(sizes);
        assertThat(PlaylistSizes.enforce(clusters, x, 20, 60)).isTrue();
        assertPartition(clusters, x.length);
        assertThat(clusters).allSatisfy(c -> assertThat(c.size()).isBetween(20, 60));
    }

    @Test
    void aBigBlobIsCutIntoEqualNeighbouringParts() {
        double[][] x = blobs(121);
        List<List<Integer>> parts = PlaylistSizes.cut(asClusters(121).get(0), x, 3);
        assertThat(parts).extracting(List::size).containsExactly(40, 40, 41);
        assertPartition(parts, 121);
    }

    @Test
    void aLibraryUnderTheMinimumIsOnePlaylist() {
        double[][] x = blobs(3, 4);
        List<List<Integer>> clusters = asClusters(3, 4);
        PlaylistSizes.enforce(clusters, x, 20, 60);
        assertThat(clusters).hasSize(1);
        assertPartition(clusters, 7);
    }

    @Test
    void clustersWithinTheRangeAreLeftAlone() {
        double[][] x = blobs(25, 30);
        List<List<Integer>> clusters = asClusters(25, 30);
        assertThat(PlaylistSizes.enforce(clusters, x, 20, 60)).isFalse();
        assertThat(clusters).extracting(List::size).containsExactly(25, 30);
    }

    /** Two groups that were one before both held its recording id: only one keeps it. */
    @Test
    void theHalvesOfASplitGroupDoNotShareARecordingId() {
        // fingerprints of two unrelated recordings, each in two files, all four rows carrying the same old id
        int[] a = new SplittableRandom(1).ints(400).toArray();
        int[] b = new SplittableRandom(2).ints(400).toArray();
        String fa = org.trackflow.udfs.fingerprint.FingerprintCompressor.encode(a);
        String fb = org.trackflow.udfs.fingerprint.FingerprintCompressor.encode(b);
        List<TrackRecord> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rows.add(TrackRecord.newBuilder(tagged(i, null, null)).setFingerprint(i < 2 ? fa : fb).setDurationS(60.0)
                    .setRecordingId("rec-old").build());
        }
        List<Duplicates.Group> groups = Duplicates.find(rows);
        assertThat(groups).hasSize(2);
        assertThat(groups.stream().map(Duplicates.Group::recordingId).distinct()).hasSize(2).contains("rec-old");
    }

    public static TrackRecord tagged(int i, String artist, String album) {
        return TrackRecord.newBuilder().setTrackId(String.format("%016x", i)).setPath(i + ".mp3").setSizeBytes(1).setMtimeMs(1)
                .setStatus("ok").setAnalyzedAt(Instant.EPOCH).setAnalysisMode("full").setArtist(artist).setAlbum(album).build();
    }
}
