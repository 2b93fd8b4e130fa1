package org.trackflow.pipeline.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.clustering.Finishing;
import org.trackflow.pipeline.clustering.Identities;
import org.trackflow.pipeline.clustering.StationClusterer;
import org.trackflow.pipeline.neighbours.Embedding;
import org.trackflow.pipeline.neighbours.IndexBuilder;
import org.trackflow.pipeline.neighbours.NeighbourIndex;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistNames;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.playlists.PlaylistStore;
import org.trackflow.pipeline.playlists.PreviousPlaylist;
import org.trackflow.pipeline.playlists.Station;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * The playlists and index of a large library (from {@link StationClusterer#THRESHOLD} usable tracks, playlists
 * by size), rebuilt in three steps that may run on different task slots:
 * <ol>
 *   <li>{@link #plan}, once: the space, the stations and the index's parts, as tasks;</li>
 *   <li>{@link #cut} each station (bisected, sizes kept, each playlist ordered) and {@link #buildPart} each part
 *       of the index, in any number of places, in any order;</li>
 *   <li>{@link #commit}, once, with every result: identities and names, then the playlists, M3U8, stations,
 *       report and index written.</li>
 * </ol>
 * A station's cut and a part of the index depend on the current view alone, never on which slot made them or
 * how many there were, so the output is the same at any parallelism, and the same as in one process
 * ({@link #inProcess}, what {@link PlaylistStage#update} does).
 */
public final class LibraryRebuild {
    private LibraryRebuild() {}

    /** Whether the playlists of {@code usable} tracks with these options are rebuilt this way. */
    public static boolean applies(int usable, PlaylistOptions options) {
        return options.playlists() == 0 && usable >= StationClusterer.THRESHOLD;
    }

    /** The library's usable rows, in the fixed order every step indexes them by (track id). */
    static List<TrackRecord> library(List<TrackRecord> rows) {
        return rows.stream().filter(FeatureSpace::usable).sorted(Comparator.comparing(TrackRecord::getTrackId)).toList();
    }

    /** The tasks of a rebuild and the plan their results are joined with. */
    public record Planned(List<StageMessage> tasks, StageMessage plan) {}

    /**
     * Step 1: the stations and the index's parts of the current view, as tasks of rebuild {@code rebuild};
     * {@code rows} are the view's rows as {@link PlaylistStage#rows} reads them.
     */
    public static Planned plan(CurrentView view, AfterScan.Settings settings, long rebuild, List<TrackRecord> rows) throws IOException {
        Output output = view.output();
        if (output.indexParts() != null) {
            IndexBuilder.delete(output.indexParts()); // what a rebuild cut short left: one rebuild at a time
        }
        List<TrackRecord> lib = library(rows);
        FeatureSpace space = FeatureSpace.fit(lib);
        double[][] x = lib.stream().map(space::vector).toArray(double[][]::new);
        PlaylistOptions options = settings.playlists();
        StationClusterer.Plan stations = StationClusterer.plan(lib, x, space, new PlaylistStore(output, settings.libraryPath())
                .previousStations(), options);
        List<StageMessage> tasks = new ArrayList<>();
        for (int s = 0; s < stations.stations().size(); s++) {
            tasks.add(StageMessage.station(rebuild, stationTask(s, stations.members().get(s), lib, space, options)));
        }
        StageMessage.RebuildPlan plan = new StageMessage.RebuildPlan();
        plan.scan = view.scanId();
        plan.stations = stations.stations().size();
        plan.stationIds = stations.stations().stream().map(Station::id).toArray(String[]::new);
        plan.stationNames = stations.stations().stream().map(Station::name).toArray(String[]::new);
        plan.stationCentres = stations.stations().stream().map(Station::rawCentre).toArray(double[][]::new);
        if (lib.size() >= NeighbourIndex.THRESHOLD && output.index() != null && !indexCurrent(view)) {
            IndexBuilder.Plan index = IndexBuilder.plan(view, space);
            plan.space = FeatureSpace.csv(space.median()) + ";" + FeatureSpace.csv(space.scale());
            plan.embedding = index.embedding().encode();
            plan.sampleEvery = index.sampleEvery();
            plan.parts = index.parts().size();
            List<IndexBuilder.Part> parts = index.parts();
            for (int k = 0; k < parts.size(); k++) {
                IndexBuilder.Part p = parts.get(k);
                StageMessage.IndexTask t = new StageMessage.IndexTask();
                t.part = p.index();
                t.start = p.start();
                t.end = p.end();
                t.rows = p.last() - p.first();
                t.usableBefore = p.usableBefore();
                t.first = p.first();
                t.last = p.last();
                t.scan = plan.scan;
                t.space = plan.space;
                t.embedding = plan.embedding;
                t.sampleEvery = plan.sampleEvery;
                tasks.add(StageMessage.part(rebuild, t));
            }
        }
        deal(tasks);
        return new Planned(tasks, StageMessage.plan(rebuild, plan));
    }

    /** Building an index document costs about four times cutting a station's track (measured at 10^5 tracks). */
    static final int INDEX_ROW_COST = 4;

    /** Numbers the tasks by falling cost (ties by key), so that dealing them round the slots evens the slots' work. */
    static void deal(List<StageMessage> tasks) {
        List<StageMessage> byCost = new ArrayList<>(tasks);
        byCost.sort(Comparator.comparingLong(LibraryRebuild::cost).reversed().thenComparing(m -> m.key));
        for (int i = 0; i < byCost.size(); i++) {
            byCost.get(i).ordinal = i;
        }
    }

    private static long cost(StageMessage m) {
        return m.station != null ? m.station.members.length : INDEX_ROW_COST * m.part.rows;
    }

    private static boolean indexCurrent(CurrentView view) throws IOException {
        try (NeighbourIndex existing = NeighbourIndex.open(view)) {
            return existing != null;
        }
    }

    private static StageMessage.StationTask stationTask(int s, List<Integer> members, List<TrackRecord> lib, FeatureSpace space,
                                                        PlaylistOptions options) {
        StageMessage.StationTask t = new StageMessage.StationTask();
        int n = members.size();
        t.station = s;
        t.members = members.stream().mapToInt(Integer::intValue).toArray();
        t.dims = space.median().length;
        t.raw = new double[n * t.dims];
        t.bpm = new double[n];
        t.camelot = new String[n];
        t.artist = new String[n];
        t.album = new String[n];
        for (int k = 0; k < n; k++) {
            TrackRecord r = lib.get(members.get(k));
            System.arraycopy(FeatureSpace.raw(r), 0, t.raw, k * t.dims, t.dims);
            t.bpm[k] = r.getBpm() == null ? Double.NaN : r.getBpm();
            t.camelot[k] = r.getCamelot();
            t.artist[k] = r.getArtist();
            t.album[k] = r.getAlbum();
        }
        t.spaceMedian = space.median();
        t.spaceScale = space.scale();
        t.minSize = options.minSize();
        t.maxSize = options.maxSize();
        return t;
    }

    /** Step 2: a station cut into playlists, each ordered for listening, members as the library's indexes. */
    public static StageMessage.StationResult cut(StageMessage.StationTask t) {
        int n = t.members.length;
        FeatureSpace space = FeatureSpace.of(t.spaceMedian, t.spaceScale);
        double[][] raw = new double[n][];
        double[][] x = new double[n][];
        List<TrackRecord> tags = new ArrayList<>(n);
        List<Integer> local = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            raw[k] = java.util.Arrays.copyOfRange(t.raw, k * t.dims, (k + 1) * t.dims);
            x[k] = space.scaleRaw(raw[k]);
            // what the play order reads of a track; the rest of the row stays unset
            TrackRecord r = new TrackRecord();
            r.setBpm(Double.isNaN(t.bpm[k]) ? null : t.bpm[k]);
            r.setCamelot(t.camelot[k]);
            r.setArtist(t.artist[k]);
            r.setAlbum(t.album[k]);
            tags.add(r);
            local.add(k);
        }
        // local indexes follow the library's order (members ascend), so ties break as they would there
        List<List<Integer>> parts = StationClusterer.cut(local, x, new PlaylistOptions(0, t.minSize, t.maxSize, 0));
        StageMessage.StationResult out = new StageMessage.StationResult();
        out.station = t.station;
        out.playlists = new int[parts.size()][];
        out.distances = new double[parts.size()][];
        out.rawCentres = new double[parts.size()][];
        for (int p = 0; p < parts.size(); p++) {
            Finishing.Ordered o = Finishing.order(parts.get(p), x, raw, tags);
            out.playlists[p] = o.order().stream().mapToInt(k -> t.members[k]).toArray();
            out.distances[p] = o.distances().stream().mapToDouble(Double::doubleValue).toArray();
            out.rawCentres[p] = o.rawCentre();
        }
        return out;
    }

    /** The folder a part of rebuild {@code rebuild}'s index is built in. */
    static Path partFolder(Output output, long rebuild, int part) {
        return output.indexParts().resolve(Long.toString(rebuild)).resolve(String.format("part-%02d", part));
    }

    /** Step 2: a part of the index, built into its folder beside the output's index. */
    public static StageMessage.IndexResult buildPart(CurrentView view, long rebuild, StageMessage.IndexTask t) throws IOException {
        String[] space = t.space.split(";");
        IndexBuilder.Plan plan = new IndexBuilder.Plan(t.scan, FeatureSpace.of(FeatureSpace.parseCsv(space[0]), FeatureSpace.parseCsv(space[1])),
                Embedding.decode(t.embedding), t.sampleEvery, List.of());
        StageMessage.IndexResult r = new StageMessage.IndexResult();
        r.part = t.part;
        r.documents = IndexBuilder.buildPart(view, plan, new IndexBuilder.Part(t.part, t.start, t.end, t.usableBefore, t.first, t.last),
                partFolder(view.output(), rebuild, t.part));
        return r;
    }

    /**
     * Step 3: every station's result (in station order) and every part joined into the playlists, their files,
     * the stations, the report and the index of the current view.
     */
    public static PlaylistStage.Summary commit(CurrentView view, AfterScan.Settings settings, long rebuild, StageMessage.RebuildPlan plan,
                                               List<StageMessage.StationResult> stations) throws IOException {
        Output output = view.output();
        List<TrackRecord> rows = PlaylistStage.rows(view, settings.keepDuplicates());
        List<TrackRecord> lib = library(rows);
        PlaylistStore store = new PlaylistStore(output, settings.libraryPath());
        List<PreviousPlaylist> previous = store.previous();
        List<List<Integer>> members = new ArrayList<>();
        List<Finishing.Ordered> ordered = new ArrayList<>();
        List<String> stationOf = new ArrayList<>();
        for (StageMessage.StationResult s : stations) {
            for (int p = 0; p < s.playlists.length; p++) {
                List<Integer> order = java.util.Arrays.stream(s.playlists[p]).boxed().toList();
                members.add(order);
                ordered.add(new Finishing.Ordered(order, java.util.Arrays.stream(s.distances[p]).boxed().toList(), s.rawCentres[p]));
                stationOf.add(plan.stationNames[s.station]);
            }
        }
        String[] ids = new String[members.size()];
        String[] names = new String[members.size()];
        Identities.match(members, lib, previous, ids, names);
        List<Playlist> playlists = Finishing.named(ordered, lib, ids, names, stationOf.toArray(String[]::new), PlaylistNames.Terciles.of(lib));
        List<Station> stationList = new ArrayList<>();
        for (int s = 0; s < plan.stations; s++) {
            stationList.add(new Station(plan.stationIds[s], plan.stationNames[s], plan.stationCentres[s]));
        }
        boolean indexed = joinIndex(view, rebuild, plan, lib.size());
        return PlaylistStage.written(view, settings, rows, playlists, stationList, indexed);
    }

    /** The index after a rebuild: its parts joined, or the current one kept, or none. */
    private static boolean joinIndex(CurrentView view, long rebuild, StageMessage.RebuildPlan plan, int usable) throws IOException {
        Path folder = view.output().index();
        if (folder == null) {
            return false;
        }
        if (usable < NeighbourIndex.THRESHOLD) {
            IndexBuilder.delete(folder);
            return false;
        }
        if (plan.parts > 0) {
            String[] space = plan.space.split(";");
            IndexBuilder.Plan p = new IndexBuilder.Plan(plan.scan, FeatureSpace.of(FeatureSpace.parseCsv(space[0]),
                    FeatureSpace.parseCsv(space[1])), Embedding.decode(plan.embedding), plan.sampleEvery, List.of());
            List<Path> parts = new ArrayList<>();
            for (int k = 0; k < plan.parts; k++) {
                parts.add(partFolder(view.output(), rebuild, k));
            }
            IndexBuilder.join(p, parts, folder);
        }
        IndexBuilder.delete(view.output().indexParts());
        return true;
    }

    /** All three steps in this process, one task after the other. */
    public static PlaylistStage.Summary inProcess(CurrentView view, AfterScan.Settings settings) throws IOException {
        long rebuild = 0;
        Planned planned = plan(view, settings, rebuild, PlaylistStage.rows(view, settings.keepDuplicates()));
        List<StageMessage.StationResult> stations = new ArrayList<>();
        for (StageMessage task : planned.tasks()) {
            if (task.station != null) {
                stations.add(cut(task.station));
            } else {
                buildPart(view, rebuild, task.part);
            }
        }
        return commit(view, settings, rebuild, planned.plan().plan, stations);
    }
}
