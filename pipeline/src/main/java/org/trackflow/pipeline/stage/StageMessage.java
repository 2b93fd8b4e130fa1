package org.trackflow.pipeline.stage;

import java.io.Serializable;

/**
 * What the steps of the after-scan stage pass on when a large library's playlists and index are rebuilt on
 * several task slots: one of a plan, a station to cut, a part of the index to build, or what came of one.
 * A plain class of public fields (a Flink POJO, no generic serializer); exactly one payload is set.
 */
public class StageMessage implements Serializable {
    /** The rebuild the message belongs to (a stage run's own id). */
    public long rebuild;
    /** What a task is: {@code plan}, {@code station-N} or {@code part-N}. */
    public String key;
    /**
     * Where a task goes: the rebuild's tasks numbered by falling cost, dealt round the slots in that order
     * ({@code ordinal mod slots}), so that each slot gets a like share; -1 for the plan.
     */
    public int ordinal = -1;
    public RebuildPlan plan;
    public StationTask station;
    public StationResult stationResult;
    public IndexTask part;
    public IndexResult partResult;

    public StageMessage() {}

    static StageMessage of(long rebuild, String key) {
        StageMessage m = new StageMessage();
        m.rebuild = rebuild;
        m.key = key;
        return m;
    }

    /** A rebuild's plan, for whoever joins its results. */
    public static StageMessage plan(long rebuild, RebuildPlan plan) {
        StageMessage m = of(rebuild, "plan");
        m.plan = plan;
        return m;
    }

    public static StageMessage station(long rebuild, StationTask task) {
        StageMessage m = of(rebuild, "station-" + task.station);
        m.station = task;
        return m;
    }

    public static StageMessage part(long rebuild, IndexTask task) {
        StageMessage m = of(rebuild, "part-" + task.part);
        m.part = task;
        return m;
    }

    public static StageMessage result(long rebuild, StationResult r) {
        StageMessage m = of(rebuild, "station-" + r.station);
        m.stationResult = r;
        return m;
    }

    public static StageMessage result(long rebuild, IndexResult r) {
        StageMessage m = of(rebuild, "part-" + r.part);
        m.partResult = r;
        return m;
    }

    /** Whether this is work for a slot (a station or a part) rather than a plan or a result. */
    public boolean isTask() {
        return station != null || part != null;
    }

    /** The rebuild's plan: what its results are joined with. */
    public static class RebuildPlan implements Serializable {
        public long scan;
        public int stations;
        public int parts;
        public String[] stationIds;
        public String[] stationNames;
        public double[][] stationCentres;
        /** The space and the embedding of the index, as their text forms; null when the library has no index. */
        public String space;
        public String embedding;
        public int sampleEvery;
        /** What the stage found before the slots' work, for its record: duplicate groups, and when it began. */
        public int duplicateGroups;
        public long redundantCopies;
        public long redundantBytes;
        public long startedMillis;
        /** The steps done so far and their seconds ("fold 1.2 s, duplicates 0.8 s, plan 5.1 s"), for the record. */
        public String steps;
        /** What the tags step did ({@code --write-tags}), for the record, or null. */
        public String tags;
        /** When the plan was made, so that the record can tell the slots' share from the commit's. */
        public long plannedMillis;

        public RebuildPlan() {}
    }

    /** A station to cut into playlists: its members (indexes into the library's rows) with what cutting reads. */
    public static class StationTask implements Serializable {
        public int station;
        public int[] members;
        /** Raw feature vectors (FeatureSpace.raw) of the members, one after the other. */
        public double[] raw;
        public int dims;
        /** What the play order reads: tempo (NaN for none), Camelot code, artist, album. */
        public double[] bpm;
        public String[] camelot;
        public String[] artist;
        public String[] album;
        public double[] spaceMedian;
        public double[] spaceScale;
        public int minSize;
        public int maxSize;

        public StationTask() {}
    }

    /** A station cut: its playlists, each its members in play order, their distances to its centre, its raw centre. */
    public static class StationResult implements Serializable {
        public int station;
        public int[][] playlists;
        public double[][] distances;
        public double[][] rawCentres;
        public String error;

        public StationResult() {}
    }

    /** A part of the index to build ({@link org.trackflow.pipeline.neighbours.IndexBuilder.Part}). */
    public static class IndexTask implements Serializable {
        public int part;
        public long start;
        public long end;
        /** Usable rows in the part: what building it costs. */
        public long rows;
        public long usableBefore;
        /** The usable rows the part indexes, {@code [first, last)} in view order. */
        public long first;
        public long last;
        public long scan;
        public String space;
        public String embedding;
        public int sampleEvery;

        public IndexTask() {}
    }

    /** A part built: its documents, or why it failed. */
    public static class IndexResult implements Serializable {
        public int part;
        public int documents;
        public String error;

        public IndexResult() {}
    }
}
