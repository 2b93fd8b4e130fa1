package org.trackflow.pipeline.duplicates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.RowKinds;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.fingerprint.FingerprintCompressor;
import org.trackflow.udfs.fingerprint.FingerprintMatcher;

/**
 * The same recording in several files, found by its Chromaprint fingerprint: two analysed tracks whose
 * durations differ by at most {@value #DURATION_TOLERANCE_S} s and whose fingerprints match at a bit error
 * rate under {@link FingerprintMatcher#SAME_RECORDING_BER} (best alignment within 5 s, over at least 10 s)
 * are copies of one recording; copies of copies too (the groups are connected components). A remix, a
 * second take or another song with the same intro differs over the rest of the 120 s and stays apart.
 *
 * <p>The preferred copy of a group is its best source: lossless before lossy, then the higher bit rate,
 * then the higher sample rate, then the earliest path. A group keeps its {@code recording_id} across scans:
 * the id most of its members had before, else {@code rec-} and the smallest member's track id.
 */
public final class Duplicates {
    /** Trimmed or padded silence changes a copy's length by a few seconds; other edits by more. */
    static final double DURATION_TOLERANCE_S = 10;
    private static final Set<String> LOSSLESS = Set.of("flac", "alac", "wavpack", "ape", "tta", "tak", "mlp", "truehd", "shorten");

    private Duplicates() {}

    /** A group of copies of one recording, the preferred copy first. */
    public record Group(String recordingId, List<TrackRecord> copies) {
        public TrackRecord preferred() {
            return copies.get(0);
        }

        /** Bytes the copies other than the preferred one take. */
        public long redundantBytes() {
            return copies.stream().skip(1).mapToLong(TrackRecord::getSizeBytes).sum();
        }
    }

    /**
     * What finding and recording the groups reads of a row: its identity, file, fingerprint and source
     * (the arrays of features, most of a row, are left undecoded: a million rows fit).
     */
    static final org.apache.avro.Schema COLUMNS = org.trackflow.pipeline.catalog.ParquetFiles.only(TrackRecord.getClassSchema(),
            Set.of("track_id", "path", "status", "fingerprint", "duration_s", "size_bytes", "codec", "bitrate", "sample_rate",
                    "recording_id", "duplicate_of", "scan_id", "change"));

    /** Whether a codec keeps every sample (FFmpeg's codec names; PCM of any kind included). */
    public static boolean lossless(String codec) {
        return codec != null && (codec.startsWith("pcm_") || LOSSLESS.contains(codec.toLowerCase(Locale.ROOT)));
    }

    /** The best source first: lossless, bit rate, sample rate, path. */
    public static final Comparator<TrackRecord> PREFERENCE = Comparator
            .comparing((TrackRecord r) -> !lossless(r.getCodec()))
            .thenComparing(r -> -(r.getBitrate() == null ? 0L : r.getBitrate()))
            .thenComparing(r -> -(r.getSampleRate() == null ? 0 : r.getSampleRate()))
            .thenComparing(TrackRecord::getPath);

    /** The groups of two or more copies among {@code rows} (analysed rows with a fingerprint count). */
    public static List<Group> find(List<TrackRecord> rows) {
        List<TrackRecord> printed = rows.stream()
                .filter(r -> RowKinds.OK.equals(r.getStatus()) && r.getFingerprint() != null && r.getDurationS() != null)
                .sorted(Comparator.comparingDouble(TrackRecord::getDurationS).thenComparing(TrackRecord::getTrackId)).toList();
        int n = printed.size();
        // decoded fingerprints of the tracks within the tolerance of the current one only (a 120 s fingerprint
        // is about 4 KB decoded: all of a large library's at once would not fit)
        int[][] items = new int[n][];
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        // Sorted by duration: only the neighbours within the tolerance are compared.
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n && printed.get(j).getDurationS() - printed.get(i).getDurationS() <= DURATION_TOLERANCE_S; j++) {
                if (find(parent, i) != find(parent, j) && FingerprintMatcher.compare(decoded(items, printed, i), decoded(items, printed, j))
                        .sameRecording()) {
                    parent[find(parent, i)] = find(parent, j);
                }
            }
            items[i] = null;
        }
        Map<Integer, List<TrackRecord>> byRoot = new HashMap<>();
        for (int i = 0; i < n; i++) {
            byRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(printed.get(i));
        }
        List<List<TrackRecord>> found = new ArrayList<>();
        for (List<TrackRecord> copies : byRoot.values()) {
            if (copies.size() > 1) {
                copies.sort(PREFERENCE);
                found.add(copies);
            }
        }
        // Larger groups choose their id first, so that the halves of a group that split cannot both keep it.
        found.sort(Comparator.comparingInt((List<TrackRecord> c) -> -c.size()).thenComparing(c -> c.get(0).getPath()));
        Set<String> taken = new java.util.HashSet<>();
        List<Group> groups = new ArrayList<>();
        for (List<TrackRecord> copies : found) {
            String id = recordingId(copies, taken);
            taken.add(id);
            groups.add(new Group(id, List.copyOf(copies)));
        }
        groups.sort(Comparator.comparing(g -> g.preferred().getPath()));
        return groups;
    }

    /**
     * The id most copies had before that no other group took (ties: the smaller), else one made from the
     * smallest track id.
     */
    private static String recordingId(List<TrackRecord> copies, Set<String> taken) {
        Map<String, Integer> before = new HashMap<>();
        copies.stream().map(TrackRecord::getRecordingId).filter(id -> id != null && !taken.contains(id))
                .forEach(id -> before.merge(id, 1, Integer::sum));
        return before.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElseGet(() -> "rec-" + copies.stream().map(TrackRecord::getTrackId).min(Comparator.naturalOrder()).orElseThrow());
    }

    private static int[] decoded(int[][] items, List<TrackRecord> printed, int i) {
        if (items[i] == null) {
            items[i] = FingerprintCompressor.decode(printed.get(i).getFingerprint()).items();
        }
        return items[i];
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Finds the groups in the current view and writes {@code recording_id} and {@code duplicate_of} into
     * it (only when they changed: an unchanged library costs one read). Fingerprints are stored in the
     * rows, so a new copy joins its group and a deleted preferred copy hands over without any file being
     * fingerprinted again.
     */
    public static List<Group> update(CurrentView view) throws java.io.IOException {
        List<TrackRecord> rows = view.rows(COLUMNS);
        List<Group> groups = find(rows);
        Map<String, String[]> marks = new HashMap<>();
        for (Group g : groups) {
            for (TrackRecord r : g.copies()) {
                marks.put(r.getTrackId(), new String[] {g.recordingId(), r == g.preferred() ? null : g.preferred().getTrackId()});
            }
        }
        boolean changed = rows.stream().anyMatch(r -> {
            String[] m = marks.getOrDefault(r.getTrackId(), new String[2]);
            return !java.util.Objects.equals(m[0], r.getRecordingId()) || !java.util.Objects.equals(m[1], r.getDuplicateOf());
        });
        if (changed) {
            view.rewrite(r -> {
                String[] m = marks.getOrDefault(r.getTrackId(), new String[2]);
                r.setRecordingId(m[0]);
                r.setDuplicateOf(m[1]);
                return r;
            });
        }
        return groups;
    }

    /** The groups as {@link #update} recorded them in the rows ({@code recording_id}), the preferred copy first. */
    public static List<Group> recorded(List<TrackRecord> rows) {
        Map<String, List<TrackRecord>> byId = new java.util.TreeMap<>();
        rows.stream().filter(r -> r.getRecordingId() != null)
                .forEach(r -> byId.computeIfAbsent(r.getRecordingId(), k -> new ArrayList<>()).add(r));
        List<Group> groups = new ArrayList<>();
        byId.forEach((id, copies) -> {
            copies.sort(Comparator.comparing((TrackRecord r) -> r.getDuplicateOf() != null).thenComparing(PREFERENCE));
            groups.add(new Group(id, List.copyOf(copies)));
        });
        groups.sort(Comparator.comparing(g -> g.preferred().getPath()));
        return groups;
    }

    /** The rows without the copies that are not their recording's preferred one. */
    public static List<TrackRecord> unique(List<TrackRecord> rows) {
        return rows.stream().filter(r -> r.getDuplicateOf() == null).toList();
    }
}
