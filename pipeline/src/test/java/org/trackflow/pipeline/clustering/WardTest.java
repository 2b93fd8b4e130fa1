package org.trackflow.pipeline.clustering;

import org.trackflow.pipeline.playlists.PreviousPlaylist;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.pipeline.similarity.FeatureSpace;

/** Ward's tree on a distance matrix: known groups come back; the matrix geometry keeps the size promise. */
class WardTest {
    /** Euclidean distances of points. */
    static float[][] distances(double[][] x) {
        float[][] d = new float[x.length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                d[i][j] = (float) FeatureSpace.distance(x[i], x[j]);
            }
        }
        return d;
    }

    @Test
    void theTreeCutRecoversSeparatedGroups() {
        double[][] x = PlaylistSizesTest.blobs(12, 7, 20);
        float[][] d = distances(x);
        Ward tree = Ward.of(d);
        assertThat(tree.cut(3)).containsExactly(range(0, 12), range(12, 19), range(19, 39));
        assertThat(tree.cut(1)).containsExactly(range(0, 39));
        assertThat(tree.cut(39)).hasSize(39);
        // the true grouping scores far higher than a cut across it
        double truth = Ward.silhouette(d, tree.cut(3));
        List<List<Integer>> across = List.of(range(0, 6), range(6, 39));
        assertThat(truth).isGreaterThan(0.7).isGreaterThan(Ward.silhouette(d, across) + 0.3);
    }

    /** The Lance–Williams update against a hand computation: points 0, 1, 4 on a line. */
    @Test
    void mergesFollowWardsCriterion() {
        float[][] d = distances(new double[][] {{0}, {1}, {4}, {4.5}});
        Ward tree = Ward.of(d);
        // 2 and 3 (0.5 apart) merge first, then 0 and 1, then the pairs
        assertThat(tree.cut(3)).containsExactly(List.of(0), List.of(1), List.of(2, 3));
        assertThat(tree.cut(2)).containsExactly(List.of(0, 1), List.of(2, 3));
    }

    @Test
    void theMatrixGeometryKeepsEveryPlaylistInRange() {
        int[] sizes = {150, 10, 3, 41, 61};
        float[][] d = distances(PlaylistSizesTest.blobs(sizes));
        List<List<Integer>> clusters = PlaylistSizesTest.asClusters(sizes);
        assertThat(PlaylistSizes.enforce(clusters, PlaylistSizes.matrix(d), 20, 60)).isTrue();
        PlaylistSizesTest.assertPartition(clusters, d.length);
        assertThat(clusters).allSatisfy(c -> assertThat(c.size()).isBetween(20, 60));
        // a cut keeps neighbours together: the 150-blob's parts hold only its own points
        assertThat(clusters.stream().filter(c -> c.contains(0)).findFirst().orElseThrow()).allSatisfy(i -> assertThat(i).isLessThan(150));
    }

    @Test
    void theWarmStartKeepsTracksWithThePlaylistTheyWereIn() {
        double[][] x = PlaylistSizesTest.blobs(10, 10);
        float[][] d = distances(x);
        List<TrackRecord> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            rows.add(PlaylistSizesTest.tagged(i, null, null));
        }
        // the previous playlists knew 4 tracks of each blob; pl-002 held the first blob
        List<PreviousPlaylist> previous = List.of(
                new PreviousPlaylist("pl-001", "b", null, Set.of(id(10), id(11), id(12), id(13))),
                new PreviousPlaylist("pl-002", "a", null, Set.of(id(0), id(1), id(2), id(3))));
        int[] a = WardClusterer.fromPrevious(d, rows, previous);
        for (int i = 0; i < x.length; i++) {
            assertThat(a[i]).as("track %d", i).isEqualTo(i < 10 ? 1 : 0);
        }
        // a previous playlist none of whose tracks is left: no warm start
        List<PreviousPlaylist> gone = List.of(previous.get(0), new PreviousPlaylist("pl-003", "c", null, Set.of(id(99))));
        assertThat(WardClusterer.fromPrevious(d, rows, gone)).isNull();
    }

    private static String id(int i) {
        return PlaylistSizesTest.tagged(i, null, null).getTrackId();
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).boxed().toList();
    }
}
