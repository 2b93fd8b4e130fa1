package org.trackflow.pipeline.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the output says the library holds: per file its path, size, mtime, content key, track id, status,
 * feature-set version, audio hash (two longs) and analysis settings (an index into a short table). Kept as parallel primitive arrays sorted by path (paths packed in one UTF-8 byte
 * array), not as an object per file: about 100 bytes a file, so a 1 000 000-file library fits in the
 * default heap. Lookups by path (binary search) and by content key (a second sorted index).
 */
public final class Manifest {
    /** Status codes. */
    public static final byte OK = 0;
    public static final byte ERROR = 1;

    private final byte[] pathBytes;
    private final int[] pathOffsets; // n + 1 entries
    private final long[] size;
    private final long[] mtime;
    private final long[] contentKey;
    private final long[] trackId;
    private final byte[] status;
    private final int[] featuresVersion;
    private final long[] hashHi;
    private final long[] hashLo;
    private final short[] settings;
    private final String[] settingsTable;
    private final short[] models;
    private final long[] keysSorted;
    private final int[] keyIndex;

    private Manifest(Builder b, Integer[] order) {
        int n = order.length;
        int total = 0;
        for (Integer i : order) {
            total += b.pathOffsets[i + 1] - b.pathOffsets[i];
        }
        pathBytes = new byte[total];
        pathOffsets = new int[n + 1];
        size = new long[n];
        mtime = new long[n];
        contentKey = new long[n];
        trackId = new long[n];
        status = new byte[n];
        featuresVersion = new int[n];
        hashHi = new long[n];
        hashLo = new long[n];
        settings = new short[n];
        models = new short[n];
        settingsTable = b.settingsTable.toArray(String[]::new);
        int pos = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            int len = b.pathOffsets[i + 1] - b.pathOffsets[i];
            System.arraycopy(b.pathBytes, b.pathOffsets[i], pathBytes, pos, len);
            pathOffsets[k] = pos;
            pos += len;
            size[k] = b.size[i];
            mtime[k] = b.mtime[i];
            contentKey[k] = b.contentKey[i];
            trackId[k] = b.trackId[i];
            status[k] = b.status[i];
            featuresVersion[k] = b.featuresVersion[i];
            hashHi[k] = b.hashHi[i];
            hashLo[k] = b.hashLo[i];
            settings[k] = b.settings[i];
            models[k] = b.models[i];
        }
        pathOffsets[n] = pos;
        Integer[] byKey = new Integer[n];
        for (int k = 0; k < n; k++) {
            byKey[k] = k;
        }
        Arrays.sort(byKey, (x, y) -> Long.compare(contentKey[x], contentKey[y]));
        keysSorted = new long[n];
        keyIndex = new int[n];
        for (int k = 0; k < n; k++) {
            keyIndex[k] = byKey[k];
            keysSorted[k] = contentKey[byKey[k]];
        }
    }

    public int size() {
        return size.length;
    }

    /** Index of {@code path}, or -1. */
    public int find(String path) {
        byte[] key = path.getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = size.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(mid, key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Indexes of the entries with this content key (usually none or one). */
    public int[] withContentKey(long key) {
        int i = Arrays.binarySearch(keysSorted, key);
        if (i < 0) {
            return new int[0];
        }
        int from = i;
        while (from > 0 && keysSorted[from - 1] == key) {
            from--;
        }
        int to = i;
        while (to + 1 < keysSorted.length && keysSorted[to + 1] == key) {
            to++;
        }
        int[] out = new int[to - from + 1];
        for (int k = from; k <= to; k++) {
            out[k - from] = keyIndex[k];
        }
        return out;
    }

    private int compare(int entry, byte[] key) {
        return Arrays.compareUnsigned(pathBytes, pathOffsets[entry], pathOffsets[entry + 1], key, 0, key.length);
    }

    public String path(int i) {
        return new String(pathBytes, pathOffsets[i], pathOffsets[i + 1] - pathOffsets[i], StandardCharsets.UTF_8);
    }

    public long size(int i) { return size[i]; }
    public long mtime(int i) { return mtime[i]; }
    public long contentKey(int i) { return contentKey[i]; }
    public long trackId(int i) { return trackId[i]; }
    public byte status(int i) { return status[i]; }
    public int featuresVersion(int i) { return featuresVersion[i]; }

    /** The stored audio hash (32 hex digits), or null when the row has none. */
    public String audioHash(int i) {
        return hashHi[i] == 0 && hashLo[i] == 0 ? null : String.format("%016x%016x", hashHi[i], hashLo[i]);
    }

    /** The learned models the row ran ({@code name=sha256;...}, sorted), empty for none. */
    public String models(int i) {
        return models[i] < 0 ? "" : settingsTable[models[i]];
    }

    /** The analysis settings the row was made with, or null when it does not say (an older trackflow). */
    public String settings(int i) {
        return settings[i] < 0 ? null : settingsTable[settings[i]];
    }

    /** Collects entries in any order; a later entry for the same path replaces an earlier one. */
    public static final class Builder {
        private byte[] pathBytes = new byte[1 << 16];
        private int[] pathOffsets = new int[1025];
        private long[] size = new long[1024];
        private long[] mtime = new long[1024];
        private long[] contentKey = new long[1024];
        private long[] trackId = new long[1024];
        private byte[] status = new byte[1024];
        private int[] featuresVersion = new int[1024];
        private long[] hashHi = new long[1024];
        private long[] hashLo = new long[1024];
        private short[] settings = new short[1024];
        private short[] models = new short[1024];
        private final java.util.List<String> settingsTable = new java.util.ArrayList<>();
        private int n;

        public Builder add(String path, long fileSize, long mtimeMs, long key, long track, byte fileStatus, int version) {
            return add(path, fileSize, mtimeMs, key, track, fileStatus, version, null, null, null);
        }

        /** An entry with its audio hash (hex, or null) and analysis settings (or null). */
        /** An entry with the models its row ran ({@code name=sha256;...}, or null). */
        public Builder add(String path, long fileSize, long mtimeMs, long key, long track, byte fileStatus, int version, String audioHash,
                           String analysisSettings, String modelKeys) {
            byte[] p = path.getBytes(StandardCharsets.UTF_8);
            if (n == size.length) {
                int cap = n * 2;
                pathOffsets = Arrays.copyOf(pathOffsets, cap + 1);
                size = Arrays.copyOf(size, cap);
                mtime = Arrays.copyOf(mtime, cap);
                contentKey = Arrays.copyOf(contentKey, cap);
                trackId = Arrays.copyOf(trackId, cap);
                status = Arrays.copyOf(status, cap);
                featuresVersion = Arrays.copyOf(featuresVersion, cap);
                hashHi = Arrays.copyOf(hashHi, cap);
                hashLo = Arrays.copyOf(hashLo, cap);
                settings = Arrays.copyOf(settings, cap);
                models = Arrays.copyOf(models, cap);
            }
            int start = pathOffsets[n];
            if (start + p.length > pathBytes.length) {
                pathBytes = Arrays.copyOf(pathBytes, Math.max(pathBytes.length * 2, start + p.length));
            }
            System.arraycopy(p, 0, pathBytes, start, p.length);
            pathOffsets[n + 1] = start + p.length;
            size[n] = fileSize;
            mtime[n] = mtimeMs;
            contentKey[n] = key;
            trackId[n] = track;
            status[n] = fileStatus;
            featuresVersion[n] = version;
            if (audioHash != null && audioHash.length() == 32) {
                hashHi[n] = Long.parseUnsignedLong(audioHash.substring(0, 16), 16);
                hashLo[n] = Long.parseUnsignedLong(audioHash.substring(16), 16);
            } else {
                hashHi[n] = 0;
                hashLo[n] = 0;
            }
            settings[n] = analysisSettings == null ? -1 : intern(analysisSettings);
            models[n] = modelKeys == null || modelKeys.isEmpty() ? -1 : intern(modelKeys);
            n++;
            return this;
        }

        private short intern(String value) {
            int at = settingsTable.indexOf(value);
            if (at < 0) {
                at = settingsTable.size();
                settingsTable.add(value);
            }
            return (short) at;
        }

        public Manifest build() {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // by path, later additions first among equals; then keep the first of each path
            Arrays.sort(order, (x, y) -> {
                int c = Arrays.compareUnsigned(pathBytes, pathOffsets[x], pathOffsets[x + 1], pathBytes, pathOffsets[y], pathOffsets[y + 1]);
                return c != 0 ? c : Integer.compare(y, x);
            });
            int kept = 0;
            for (int k = 0; k < order.length; k++) {
                int i = order[k];
                boolean dup = kept > 0 && Arrays.equals(pathBytes, pathOffsets[i], pathOffsets[i + 1],
                        pathBytes, pathOffsets[order[kept - 1]], pathOffsets[order[kept - 1] + 1]);
                if (!dup) {
                    order[kept++] = i;
                }
            }
            return new Manifest(this, Arrays.copyOf(order, kept));
        }
    }
}
