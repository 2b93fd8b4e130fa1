package org.trackflow.pipeline.playlists;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trackflow.schemas.TrackRecord;

/** The play order: smooth steps, tempo and key penalties as defined, 2-opt, and artists and albums spaced out. */
class PlaylistOrderTest {
    static TrackRecord tagged(int i, String artist, String album) {
        return TrackRecord.newBuilder().setTrackId(String.format("%016x", i)).setPath(i + ".mp3").setSizeBytes(1).setMtimeMs(1)
                .setStatus("ok").setAnalyzedAt(Instant.EPOCH).setAnalysisMode("full").setArtist(artist).setAlbum(album).build();
    }

    static TrackRecord at(int i, Double bpm, String camelot) {
        return TrackRecord.newBuilder(tagged(i, null, null)).setBpm(bpm).setCamelot(camelot).build();
    }

    @Test
    void pointsOnALineArePlayedInLineOrderFromTheOneNearestTheCentre() {
        // eight points on a line, shuffled; the centre is nearest point 0, at one end: the order walks the line
        double[] position = {5, 0, 7, 2, 6, 1, 4, 3};
        double[][] x = new double[8][];
        List<TrackRecord> rows = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            x[i] = new double[] {position[i], 0};
            rows.add(tagged(i, null, null));
        }
        List<Integer> order = PlaylistOrder.order(List.of(0, 1, 2, 3, 4, 5, 6, 7), x, rows, new double[] {-1, 0});
        assertThat(order.stream().map(i -> position[i]).toList()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
    }

    @Test
    void theOrderIsALocalOptimumOfTwoOptStartingNearestTheCentre() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        int n = 14;
        double[][] x = new double[n][];
        List<TrackRecord> rows = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {random.nextDouble(), random.nextDouble()};
            rows.add(at(i, 90.0 + random.nextInt(60), (1 + random.nextInt(12)) + (random.nextBoolean() ? "A" : "B")));
            members.add(i);
        }
        double[] centre = {0.5, 0.5};
        List<Integer> order = PlaylistOrder.order(members, x, rows, centre);
        assertThat(order).containsExactlyInAnyOrderElementsOf(members);
        int nearest = members.stream().min(java.util.Comparator.comparingDouble(i -> Math.hypot(x[i][0] - 0.5, x[i][1] - 0.5))).orElseThrow();
        assertThat(order.get(0)).isEqualTo(nearest);
        // no reversal of a stretch (the first track kept) makes the order cheaper: what 2-opt stops at
        double cost = cost(order, x, rows);
        for (int i = 1; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                List<Integer> reversed = new ArrayList<>(order);
                java.util.Collections.reverse(reversed.subList(i, j + 1));
                assertThat(cost(reversed, x, rows)).as("reversing %d..%d", i, j).isGreaterThanOrEqualTo(cost - 1e-9);
            }
        }
    }

    private static double cost(List<Integer> order, double[][] x, List<TrackRecord> rows) {
        double c = 0;
        for (int k = 1; k < order.size(); k++) {
            c += PlaylistOrder.cost(x[order.get(k - 1)], x[order.get(k)], rows.get(order.get(k - 1)), rows.get(order.get(k)));
        }
        return c;
    }

    @Test
    void theTempoPenaltyCountsOctavesBeyondFourPercent() {
        assertThat(PlaylistOrder.tempoPenalty(at(0, 120.0, null), at(1, 124.0, null))).isZero();
        assertThat(PlaylistOrder.tempoPenalty(at(0, 100.0, null), at(1, 200.0, null)))
                .isCloseTo(1 - Math.log(1.04) / Math.log(2), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(PlaylistOrder.tempoPenalty(at(0, null, null), at(1, 200.0, null))).as("no tempo, no penalty").isZero();
    }

    @Test
    void camelotNeighboursAreCompatible() {
        assertThat(PlaylistOrder.camelotCompatible("8A", "8A")).isTrue();
        assertThat(PlaylistOrder.camelotCompatible("8A", "9A")).isTrue();
        assertThat(PlaylistOrder.camelotCompatible("12B", "1B")).as("round the wheel").isTrue();
        assertThat(PlaylistOrder.camelotCompatible("8A", "8B")).as("relative key").isTrue();
        assertThat(PlaylistOrder.camelotCompatible("8A", "9B")).isFalse();
        assertThat(PlaylistOrder.camelotCompatible("8A", "10A")).isFalse();
        assertThat(PlaylistOrder.camelotCompatible(null, "8A")).isFalse();
        assertThat(PlaylistOrder.cost(new double[] {0}, new double[] {0}, at(0, 120.0, "8A"), at(1, 120.0, "3B")))
                .as("same point, same tempo, clashing keys").isEqualTo(PlaylistOrder.KEY_PENALTY);
    }

    @Test
    void noArtistTwiceInARowAndNoAlbumWithinThree() {
        List<TrackRecord> rows = new ArrayList<>();
        String[] artists = {"A", "A", "A", "B", "B", "C", "C", "D"};
        String[] albums = {"a1", "a1", "a2", "b1", "b1", "c1", "c2", "d1"};
        for (int i = 0; i < artists.length; i++) {
            rows.add(tagged(i, artists[i], albums[i]));
        }
        List<Integer> order = PlaylistOrder.spaced(List.of(0, 1, 2, 3, 4, 5, 6, 7), rows);
        assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7).startsWith(0);
        for (int i = 1; i < order.size(); i++) {
            assertThat(PlaylistOrder.clashes(order, i, order.get(i), rows)).as("position %d of %s", i, order).isFalse();
        }
        // untagged tracks never clash
        List<TrackRecord> plain = List.of(tagged(0, null, null), tagged(1, null, null));
        assertThat(PlaylistOrder.spaced(List.of(0, 1), plain)).containsExactly(0, 1);
    }
}
