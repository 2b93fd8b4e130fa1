package org.trackflow.pipeline.neighbours;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trackflow.pipeline.fixtures.SyntheticLibrary;
import org.trackflow.schemas.TrackRecord;

/**
 * The mix rules on a synthetic library of 600 tracks (48 by each artist, who sound alike): a seed given twice
 * counts once; the excluded and the filtered-out never come; an artist gap holds between every two tracks of
 * the mix and from the tracks played before it.
 */
class MixerTest {
    private final List<TrackRecord> rows = rows(600);
    private final Neighbours neighbours = Neighbours.of(rows, true, false);

    private static List<TrackRecord> rows(int n) {
        List<TrackRecord> out = new ArrayList<>();
        new SyntheticLibrary(n).forEach(out::add);
        return out;
    }

    private static List<String> ids(List<Mixer.Item> mix) {
        return mix.stream().map(i -> i.track().getTrackId()).toList();
    }

    @Test
    void aSeedGivenTwiceCountsOnce() throws Exception {
        TrackRecord a = rows.get(5);
        TrackRecord b = rows.get(300);
        List<Mixer.Item> once = Mixer.mix(neighbours, new Mixer.Request(List.of(a, b), 10, t -> true, Set.of(), List.of(), 0, 0, true));
        List<Mixer.Item> twice = Mixer.mix(neighbours, new Mixer.Request(List.of(a, b, a), 10, t -> true, Set.of(), List.of(), 0, 0, true));
        assertThat(ids(twice)).isEqualTo(ids(once)).hasSize(12).doesNotHaveDuplicates();
        assertThat(twice.stream().filter(Mixer.Item::seed).count()).isEqualTo(2);
    }

    @Test
    void theExcludedAndTheFilteredOutNeverCome() throws Exception {
        TrackRecord seed = rows.get(40);
        List<Mixer.Item> free = Mixer.mix(neighbours, Mixer.Request.of(seed, 10));
        Set<String> exclude = Set.copyOf(ids(free).subList(1, 6));
        List<Mixer.Item> mix = Mixer.mix(neighbours, new Mixer.Request(List.of(seed), 10, t -> !t.getArtist().equals(seed.getArtist()), exclude, List.of(), 0, 0, false));
        assertThat(mix).hasSize(10).noneMatch(Mixer.Item::seed);
        assertThat(ids(mix)).doesNotContainAnyElementsOf(exclude);
        assertThat(free).as("the seed's artist is near it").anyMatch(i -> !i.seed() && i.track().getArtist().equals(seed.getArtist()));
        assertThat(mix).noneMatch(i -> i.track().getArtist().equals(seed.getArtist()));
    }

    @Test
    void anArtistGapHoldsWithinTheMixAndFromWhatWasPlayed() throws Exception {
        TrackRecord seed = rows.get(100);
        List<Mixer.Item> plain = Mixer.mix(neighbours, new Mixer.Request(List.of(seed), 12, t -> true, Set.of(), List.of(), 0, 0, false));
        assertThat(plain).as("alike artists: without a gap an artist comes back to back")
                .anyMatch(i -> i.track().getArtist().equals(seed.getArtist()));
        List<TrackRecord> before = List.of(seed);
        List<Mixer.Item> mix = Mixer.mix(neighbours, new Mixer.Request(List.of(seed), 12, t -> true, Set.of(), before, 2, 0, false));
        assertThat(mix).hasSize(12);
        List<String> artists = new ArrayList<>(List.of(seed.getArtist()));
        mix.forEach(i -> artists.add(i.track().getArtist()));
        for (int k = 1; k < artists.size(); k++) {
            assertThat(artists.subList(Math.max(0, k - 2), k)).as("track %d of %s", k, artists).doesNotContain(artists.get(k));
        }
    }
}
