package org.trackflow.pipeline.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Compares a scan of the library with the {@link Manifest} and lists what needs a row. Unchanged files
 * (same path, size and mtime) cost one binary search and read no data; content keys are computed only
 * for new paths (to recognise moves) and changed files. A file with a new time but its size and content key
 * is touched (its time recorded, nothing decoded); a changed file goes to the slots with its stored audio
 * hash, where one pass over its packets tells a retag from an edit. A file analysed with other settings
 * than this scan's ({@link AnalysisSettings}) is analysed again.
 */
public final class ChangeDetector {

    /** Options of the comparison. */
    public record Options(boolean retryErrors, boolean reanalyzeOutdated, int featuresVersion, String settings, String models)
            implements java.io.Serializable {
        public Options(boolean retryErrors, boolean reanalyzeOutdated, int featuresVersion) {
            this(retryErrors, reanalyzeOutdated, featuresVersion, null, "");
        }
    }

    /**
     * The result: changes to process, counts of what needs nothing, and the rows analysed again because they
     * were made with other settings (by those settings).
     */
    public record Result(List<Change> changes, long scanned, long unchanged, long skippedErrors, long outdated,
                         java.util.Map<String, Long> otherSettings) {
        public long count(Change.Kind kind) {
            return changes.stream().filter(c -> c.kind() == kind).count();
        }
    }

    private ChangeDetector() {}

    public static Result detect(Path root, Manifest manifest, Options options) throws IOException {
        BitSet seen = new BitSet(manifest.size());
        List<Change> changes = new ArrayList<>();
        List<LibraryFile> newcomers = new ArrayList<>();
        long[] counts = new long[4]; // scanned, unchanged, skipped errors, outdated
        java.util.Map<String, Long> otherSettings = new java.util.TreeMap<>();
        IOException[] failure = new IOException[1];
        LibraryScanner.scan(root, f -> {
            counts[0]++;
            int i = manifest.find(f.relativePath());
            if (i < 0) {
                newcomers.add(f);
                return;
            }
            seen.set(i);
            try {
                boolean ok = manifest.status(i) == Manifest.OK;
                // a row made with other settings is analysed again whatever else happened to its file: keeping its
                // features for a touch or a retag would mix two kinds of numbers in one view
                boolean sameSettings = !ok || AnalysisSettings.same(manifest.settings(i), options.settings());
                boolean modelsDone = !ok || hasModels(manifest.models(i), options.models());
                if (manifest.size(i) != f.sizeBytes() || manifest.mtime(i) != f.mtimeMs()) {
                    long key = ContentKey.of(Path.of(f.absolutePath()));
                    boolean sameBytes = manifest.size(i) == f.sizeBytes() && key != 0 && key == manifest.contentKey(i) && ok;
                    if (sameBytes && !sameSettings) {
                        otherSettings.merge(manifest.settings(i), 1L, Long::sum);
                        changes.add(change(Change.Kind.SETTINGS, f, key, manifest.trackId(i), null));
                    } else if (sameBytes) {
                        // touched; one that lacks a model the run asks for is decoded for the model (its row carries the new time too)
                        changes.add(change(modelsDone ? Change.Kind.TOUCHED : Change.Kind.MODELS, f, key, manifest.trackId(i), null));
                    } else {
                        // the stored audio hash lets the slot tell a retag, unless the row must be analysed again anyway
                        changes.add(new Change(Change.Kind.CHANGED, f.relativePath(), f.absolutePath(), f.sizeBytes(), f.mtimeMs(), key,
                                manifest.trackId(i), null, ok && sameSettings && modelsDone ? manifest.audioHash(i) : null));
                    }
                } else if (manifest.status(i) == Manifest.ERROR) {
                    if (options.retryErrors()) {
                        changes.add(change(Change.Kind.RETRY, f, manifest.contentKey(i), manifest.trackId(i), null));
                    } else {
                        counts[2]++;
                    }
                } else if (manifest.featuresVersion(i) < options.featuresVersion()) {
                    if (options.reanalyzeOutdated()) {
                        changes.add(change(Change.Kind.OUTDATED, f, manifest.contentKey(i), manifest.trackId(i), null));
                    } else {
                        counts[3]++;
                        counts[1]++;
                    }
                } else if (!sameSettings) {
                    otherSettings.merge(manifest.settings(i), 1L, Long::sum);
                    changes.add(change(Change.Kind.SETTINGS, f, manifest.contentKey(i), manifest.trackId(i), null));
                } else if (!modelsDone) {
                    changes.add(change(Change.Kind.MODELS, f, manifest.contentKey(i), manifest.trackId(i), null));
                } else {
                    counts[1]++;
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        // New paths: a move if their content matches a file that is gone, otherwise new.
        for (LibraryFile f : newcomers) {
            long key;
            try {
                key = ContentKey.of(Path.of(f.absolutePath()));
            } catch (IOException e) {
                // unreadable now: analysed as new, and decoding will say why it fails
                changes.add(change(Change.Kind.NEW, f, 0, newTrackId(f.relativePath(), 0), null));
                continue;
            }
            int gone = -1;
            for (int i : manifest.withContentKey(key)) {
                if (!seen.get(i) && manifest.size(i) == f.sizeBytes()) {
                    gone = i;
                    break;
                }
            }
            if (gone >= 0) {
                seen.set(gone);
                changes.add(change(Change.Kind.MOVED, f, key, manifest.trackId(gone), manifest.path(gone)));
            } else {
                changes.add(change(Change.Kind.NEW, f, key, newTrackId(f.relativePath(), key), null));
            }
        }
        for (int i = seen.nextClearBit(0); i < manifest.size(); i = seen.nextClearBit(i + 1)) {
            changes.add(new Change(Change.Kind.DELETED, manifest.path(i), root.resolve(manifest.path(i)).toString(),
                    manifest.size(i), manifest.mtime(i), manifest.contentKey(i), manifest.trackId(i), null));
        }
        changes.sort(java.util.Comparator.comparing(Change::relativePath)); // hand them out in a stable order
        return new Result(changes, counts[0], counts[1], counts[2], counts[3], otherSettings);
    }

    /** Whether a row that ran {@code have} (keys {@code name=sha256;...}) ran every model of {@code wanted}. */
    static boolean hasModels(String have, String wanted) {
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        java.util.Set<String> done = have == null || have.isEmpty() ? java.util.Set.of() : java.util.Set.of(have.split(";"));
        for (String w : wanted.split(";")) {
            if (!done.contains(w)) {
                return false;
            }
        }
        return true;
    }

    private static Change change(Change.Kind kind, LibraryFile f, long key, long trackId, String previousPath) {
        return new Change(kind, f.relativePath(), f.absolutePath(), f.sizeBytes(), f.mtimeMs(), key, trackId, previousPath);
    }

    /** A new track's id: SHA-1 of its first path and content key, first 64 bits. */
    public static long newTrackId(String relativePath, long contentKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-1");
            sha.update(relativePath.getBytes(StandardCharsets.UTF_8));
            sha.update(ContentKey.hex(contentKey).getBytes(StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
