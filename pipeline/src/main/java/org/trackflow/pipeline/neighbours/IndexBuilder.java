package org.trackflow.pipeline.neighbours;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.schemas.TrackRecord;

/**
 * Writes the neighbour index ({@link NeighbourIndex}) of a library's current view: one Lucene document per
 * usable track, its vector in the {@link Embedding} fitted on a sample of the library, the columns a query
 * needs, and every {@code n / SAMPLE}-th track marked as one the queries' mutual-proximity statistics are
 * fitted on. The index is built in parts ({@link Part}: equal runs of the view's usable rows, one per
 * {@value #ROWS_PER_PART} rows and at most {@value #MAX_PARTS}), each its own Lucene segments, which may be built side by side
 * (on task slots) and are then joined in part order ({@link #join}); the parts depend on the view only, so
 * the index is the same however many built them. The finished index replaces the old one in one rename: a
 * query never sees half an index.
 */
public final class IndexBuilder {
    /** Parts an index is built in, at most: each is one or more segments a query searches. */
    public static final int MAX_PARTS = 8;
    /**
     * Usable rows a part holds, at least (unless the library is smaller): parts of equal rows rather than of the
     * view's row groups (two at 10^5 tracks, of unequal size), so that two slots get equal halves of the work.
     */
    public static final int ROWS_PER_PART = 5_000;

    private IndexBuilder() {}

    /**
     * What the parts share, found in one pass over the view: its scan, the space, the embedding (fitted on a
     * uniform sample of the usable rows, reservoir with a fixed seed, so the same library gives the same one),
     * how often a track is marked for the mutual-proximity sample, and the parts.
     */
    public record Plan(long scan, FeatureSpace space, Embedding embedding, int sampleEvery, List<Part> parts) {}

    /**
     * A part: the usable rows {@code [first, last)} of the view (numbered in view order), read from the row groups
     * whose midpoints lie in {@code [start, end)}, which hold {@code usableBefore} usable rows before them.
     */
    public record Part(int index, long start, long end, long usableBefore, long first, long last) {}

    /** Plans the index of {@code view}'s usable rows in {@code space}. */
    public static Plan plan(CurrentView view, FeatureSpace space) throws IOException {
        int[] usable = {0};
        List<TrackRecord> fitSample = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        List<Long> usableBeforeRow = new ArrayList<>(); // at each row group start, by row number
        List<ParquetFiles.RowGroup> groups = ParquetFiles.rowGroups(view.output().storage(), view.output().currentFile());
        long[] groupStartRow = new long[groups.size()];
        for (int g = 1; g < groups.size(); g++) {
            groupStartRow[g] = groupStartRow[g - 1] + groups.get(g - 1).rows();
        }
        long[] row = {0};
        int[] nextGroup = {0};
        view.forEach(NeighbourIndex.COLUMNS, r -> {
            while (nextGroup[0] < groups.size() && groupStartRow[nextGroup[0]] == row[0]) {
                usableBeforeRow.add((long) usable[0]);
                nextGroup[0]++;
            }
            row[0]++;
            if (FeatureSpace.usable(r)) {
                int seen = usable[0]++;
                if (seen < NeighbourIndex.FIT_SAMPLE) {
                    fitSample.add(r);
                } else {
                    int slot = random.nextInt(seen + 1);
                    if (slot < NeighbourIndex.FIT_SAMPLE) {
                        fitSample.set(slot, r);
                    }
                }
            }
        });
        int count = (int) Math.max(1, Math.min(MAX_PARTS, (usable[0] + ROWS_PER_PART - 1) / ROWS_PER_PART));
        long length = view.output().storage().length(view.output().currentFile());
        List<Part> parts = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            long first = (long) k * usable[0] / count;
            long last = (long) (k + 1) * usable[0] / count;
            // the groups from the last one starting at or before the part's first row to the first one starting at its end
            int from = 0;
            while (from + 1 < usableBeforeRow.size() && usableBeforeRow.get(from + 1) <= first) {
                from++;
            }
            int to = from + 1;
            while (to < usableBeforeRow.size() && usableBeforeRow.get(to) < last) {
                to++;
            }
            parts.add(new Part(k, groups.get(from).start(), to < groups.size() ? groups.get(to).start() : length, usableBeforeRow.get(from),
                    first, last));
        }
        return new Plan(view.scanId(), space, Embedding.fit(fitSample, space), Math.max(1, usable[0] / NeighbourIndex.SAMPLE), parts);
    }

    /** Builds part {@code part} of the plan into {@code dir} (replacing what is there); returns its documents. */
    public static int buildPart(CurrentView view, Plan plan, Part part, Path dir) throws IOException {
        delete(dir);
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(256)
                .setCommitOnClose(false);
        // the row in the record's own schema: the columns not read are null and cost a byte each
        SpecificDatumWriter<TrackRecord> rowWriter = new SpecificDatumWriter<>(TrackRecord.class);
        int[] docs = {0};
        long[] seen = {part.usableBefore()};
        try (FSDirectory d = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(d, config)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder[] encoder = {null};
            ParquetFiles.read(view.output().storage(), view.output().currentFile(), TrackRecord.class, NeighbourIndex.COLUMNS,
                    part.start(), part.end(), r -> {
                        if (!FeatureSpace.usable(r)) {
                            return;
                        }
                        long k = seen[0]++;
                        if (k < part.first() || k >= part.last()) {
                            return; // another part's row, in a row group the two share
                        }
                        docs[0]++;
                        Document doc = new Document();
                        doc.add(new StringField("id", r.getTrackId(), Field.Store.YES));
                        doc.add(new StringField("path", r.getPath(), Field.Store.NO));
                        doc.add(new org.apache.lucene.document.SortedDocValuesField("path", new BytesRef(r.getPath())));
                        for (String word : TrackText.words(TrackText.of(r))) {
                            doc.add(new StringField(TrackText.FIELD, word, Field.Store.NO));
                        }
                        doc.add(new KnnFloatVectorField("vec", plan.embedding().of(r, plan.space().vector(r)),
                                VectorSimilarityFunction.EUCLIDEAN));
                        bytes.reset();
                        encoder[0] = EncoderFactory.get().binaryEncoder(bytes, encoder[0]);
                        rowWriter.write(r, encoder[0]);
                        encoder[0].flush();
                        doc.add(new StoredField("row", new BytesRef(bytes.toByteArray())));
                        if (k % plan.sampleEvery() == 0) {
                            doc.add(new StringField("sample", "1", Field.Store.NO));
                        }
                        writer.addDocument(doc);
                    });
            writer.commit();
        }
        return docs[0];
    }

    /**
     * Joins the parts (in order: the documents keep the view's order) into the index {@code folder}, with
     * what a query needs to read it (scan, version, space, embedding), and puts it in place of the old one.
     */
    public static void join(Plan plan, List<Path> parts, Path folder) throws IOException {
        Path tmp = folder.resolveSibling("." + folder.getFileName() + ".tmp");
        delete(tmp);
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE).setCommitOnClose(false)
                .setMergePolicy(org.apache.lucene.index.NoMergePolicy.INSTANCE);
        List<Directory> dirs = new ArrayList<>();
        try (FSDirectory dir = FSDirectory.open(tmp); IndexWriter writer = new IndexWriter(dir, config)) {
            for (Path p : parts) {
                dirs.add(FSDirectory.open(p));
            }
            // copies the parts' segments as they are: no graph is built again
            writer.addIndexes(dirs.toArray(Directory[]::new));
            Map<String, String> data = new HashMap<>();
            data.put(NeighbourIndex.SCAN, Long.toString(plan.scan()));
            data.put(NeighbourIndex.VERSION_KEY, Integer.toString(NeighbourIndex.VERSION));
            data.put(NeighbourIndex.SPACE, FeatureSpace.csv(plan.space().median()) + ";" + FeatureSpace.csv(plan.space().scale()));
            data.put(NeighbourIndex.EMBEDDING, plan.embedding().encode());
            // the stored rows' schema: an index read by a later trackflow whose rows have more columns still decodes
            data.put(NeighbourIndex.ROW_SCHEMA, TrackRecord.getClassSchema().toString());
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        } finally {
            for (Directory d : dirs) {
                d.close();
            }
        }
        Path old = folder.resolveSibling("." + folder.getFileName() + ".old");
        delete(old);
        if (Files.exists(folder)) {
            Files.move(folder, old);
        }
        Files.move(tmp, folder);
        delete(old);
    }

    /**
     * Brings the output's index up to date with the current view (in {@code space}, the library's), its parts
     * built one after the other: built anew when the view changed since, removed when the library is under
     * {@value NeighbourIndex#THRESHOLD} usable tracks. Returns whether an index exists afterwards.
     */
    public static boolean update(CurrentView view, FeatureSpace space, int usable) throws IOException {
        Path folder = view.output().index();
        if (folder == null) {
            return false;
        }
        if (usable < NeighbourIndex.THRESHOLD) {
            delete(folder);
            return false;
        }
        try (NeighbourIndex existing = NeighbourIndex.open(view)) {
            if (existing != null) {
                return true;
            }
        }
        build(view, space, folder);
        return true;
    }

    /** Writes the index of the view's usable rows into {@code folder} (replacing what is there), part by part. */
    public static void build(CurrentView view, FeatureSpace space, Path folder) throws IOException {
        Plan plan = plan(view, space);
        Path staging = view.output().indexParts() != null ? view.output().indexParts().resolve("local")
                : folder.resolveSibling("." + folder.getFileName() + "-parts");
        List<Path> parts = new ArrayList<>();
        for (Part p : plan.parts()) {
            Path dir = staging.resolve(String.format("part-%02d", p.index()));
            buildPart(view, plan, p, dir);
            parts.add(dir);
        }
        join(plan, parts, folder);
        delete(staging);
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void delete(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var files = Files.walk(p)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
