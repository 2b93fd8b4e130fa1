package org.trackflow.pipeline.clustering;

import org.trackflow.pipeline.playlists.Station;
import org.trackflow.pipeline.playlists.PreviousPlaylist;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.pipeline.fixtures.SyntheticLibrary;

/**
 * Large libraries: stations cut into playlists that keep the size promise on even, skewed and large
 * libraries, the same result on every run, and ids and names that survive a rescan.
 */
class StationsTest {
    static final PlaylistOptions DEFAULTS = PlaylistOptions.defaults();

    static List<TrackRecord> synthetic(int n) {
        SyntheticLibrary library = new SyntheticLibrary(n);
        return IntStream.range(0, n).mapToObj(library::row).toList();
    }

    static void assertKeepsItsPromises(List<TrackRecord> rows, PlaylistClustering.Result r, int min, int max) {
        assertThat(r.stations()).hasSize(r.playlists().stream().map(Playlist::station).distinct().toList().size());
        assertThat(r.stations().stream().map(Station::name).distinct()).hasSize(r.stations().size());
        assertThat(r.playlists()).allSatisfy(p -> {
            assertThat(p.tracks().size()).as(p.name()).isBetween(min, max);
            assertThat(p.station()).isNotNull();
        });
        List<String> placed = r.playlists().stream().flatMap(p -> p.tracks().stream()).map(TrackRecord::getTrackId).toList();
        assertThat(placed).as("every track exactly once").hasSize(rows.size()).doesNotHaveDuplicates();
        assertThat(r.playlists().stream().map(Playlist::id).distinct()).hasSize(r.playlists().size());
    }

    @Test
    void aSmallLibraryHasNoStations() {
        PlaylistClustering.Result r = PlaylistClustering.build(synthetic(300), List.of(), List.of(), DEFAULTS);
        assertThat(r.stations()).isEmpty();
        assertThat(r.playlists()).allSatisfy(p -> assertThat(p.station()).isNull());
    }

    @Test
    void aLargeLibraryGetsStationsOfPlaylistsWithinTheSizeRange() {
        List<TrackRecord> rows = synthetic(12_000);
        PlaylistClustering.Result r = PlaylistClustering.build(rows, List.of(), List.of(), DEFAULTS);
        assertThat(r.stations()).hasSize(StationClusterer.count(12_000));
        assertKeepsItsPromises(rows, r, 20, 60);
        // a station is a group of like tracks: most of an album shares its station
        Map<String, String> stationOf = new java.util.HashMap<>();
        r.playlists().forEach(p -> p.tracks().forEach(t -> stationOf.put(t.getTrackId(), p.station())));
        Map<String, List<String>> albums = rows.stream().collect(Collectors.groupingBy(TrackRecord::getAlbum,
                Collectors.mapping(t -> stationOf.get(t.getTrackId()), Collectors.toList())));
        double together = albums.values().stream().mapToDouble(StationsTest::majorityShare).average().orElse(0);
        assertThat(together).as("share of an album in its most common station").isGreaterThan(0.8);
        // and a narrower tempo range than the library's
        assertThat(r.stations().get(0).name()).matches("(Dark|Warm|Bright) · (\\d+-\\d+ BPM|no beat) · (low|mid|high) energy( #\\d+)?");
    }

    @Test
    void aSkewedLibraryStillKeepsTheSizes() {
        // 90 % of the library is one sound (copies of one row's features), the rest is varied
        List<TrackRecord> varied = synthetic(5_000);
        List<TrackRecord> rows = new ArrayList<>();
        for (int i = 0; i < varied.size(); i++) {
            TrackRecord t = varied.get(i);
            rows.add(i % 10 == 0 ? t : TrackRecord.newBuilder(varied.get(0)).setTrackId(t.getTrackId()).setPath(t.getPath()).build());
        }
        PlaylistClustering.Result r = PlaylistClustering.build(rows, List.of(), List.of(), new PlaylistOptions(0, 15, 40, 42));
        assertKeepsItsPromises(rows, r, 15, 40);
    }

    @Test
    void theSameLibraryGivesTheSamePlaylistsAndARescanKeepsTheirIds() {
        List<TrackRecord> rows = synthetic(6_000);
        PlaylistClustering.Result first = PlaylistClustering.build(rows, List.of(), List.of(), DEFAULTS);
        PlaylistClustering.Result again = PlaylistClustering.build(rows, List.of(), List.of(), DEFAULTS);
        assertThat(summary(again)).isEqualTo(summary(first));

        // a rescan: 2 % of the tracks gone, 2 % new
        List<TrackRecord> next = new ArrayList<>(rows.subList(120, rows.size()));
        next.addAll(synthetic(6_120).subList(6_000, 6_120));
        List<PreviousPlaylist> previous = first.playlists().stream().map(p -> new PreviousPlaylist(p.id(), p.name(),
                p.rawCentre(), p.tracks().stream().map(TrackRecord::getTrackId).collect(Collectors.toSet()))).toList();
        PlaylistClustering.Result rescan = PlaylistClustering.build(next, previous, first.stations(), DEFAULTS);
        assertKeepsItsPromises(next, rescan, 20, 60);
        assertThat(rescan.stations().stream().map(Station::name).collect(Collectors.toSet()))
                .isEqualTo(first.stations().stream().map(Station::name).collect(Collectors.toSet()));
        Set<String> before = first.playlists().stream().map(p -> p.id() + " " + p.name()).collect(Collectors.toSet());
        long kept = rescan.playlists().stream().filter(p -> before.contains(p.id() + " " + p.name())).count();
        assertThat((double) kept / rescan.playlists().size()).as("playlists that kept id and name").isGreaterThan(0.8);
    }

    private static double majorityShare(List<String> stations) {
        return stations.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())).values().stream()
                .mapToLong(Long::longValue).max().orElse(0) / (double) stations.size();
    }

    private static List<String> summary(PlaylistClustering.Result r) {
        List<String> out = new ArrayList<>();
        for (Playlist p : r.playlists()) {
            out.add(String.format(Locale.ROOT, "%s %s %s %s", p.id(), p.name(), p.station(),
                    p.tracks().stream().map(TrackRecord::getTrackId).collect(Collectors.joining(","))));
        }
        return out;
    }
}
