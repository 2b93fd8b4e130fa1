package org.trackflow.pipeline.neighbours;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.Output;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.pipeline.similarity.FeatureSpace;
import org.trackflow.pipeline.similarity.Similarity;
import org.trackflow.schemas.TrackRecord;

/**
 * Writes the neighbour index ({@link NeighbourIndex}) of a library's current view: one Lucene document per
 * usable track, its vector in the {@link Embedding} fitted on a sample of the library, the columns a query
 * needs, and every {@code n / SAMPLE}-th track marked as one the queries' mutual-proximity statistics are
 * fitted on. The finished index replaces the old one in one rename, so a query never sees half an index.
 */
public final class IndexBuilder {
    private IndexBuilder() {}

    /**
     * Brings the output's index up to date with the current view (in {@code space}, the library's): built
     * anew when the view changed since, removed when the library is under {@value NeighbourIndex#THRESHOLD} usable tracks.
     * Returns whether an index exists afterwards.
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
        long scan = view.scanId();
        try (NeighbourIndex existing = NeighbourIndex.open(view)) {
            if (existing != null) {
                return true;
            }
        }
        build(view, space, folder, scan);
        return true;
    }

    /** Writes the index of the view's usable rows into {@code folder} (replacing what is there). */
    public static void build(CurrentView view, FeatureSpace space, Path folder, long scan) throws IOException {
        // pass 1: the usable rows' count, and a uniform sample of them (reservoir, fixed seed: the same
        // library gives the same sample) to fit the embedding on
        int[] usable = {0};
        List<TrackRecord> fitSample = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        view.forEach(NeighbourIndex.COLUMNS, r -> {
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
        int mpEvery = Math.max(1, usable[0] / NeighbourIndex.SAMPLE);
        Embedding embedding = Embedding.fit(fitSample, space);

        Path tmp = folder.resolveSibling("." + folder.getFileName() + ".tmp");
        delete(tmp);
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(256)
                .setCommitOnClose(false);
        // the row in the record's own schema: the columns not read are null and cost a byte each
        SpecificDatumWriter<TrackRecord> rowWriter = new SpecificDatumWriter<>(TrackRecord.class);
        try (FSDirectory dir = FSDirectory.open(tmp); IndexWriter writer = new IndexWriter(dir, config)) {
            int[] k = {0};
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder[] encoder = {null};
            view.forEach(NeighbourIndex.COLUMNS, r -> {
                if (!FeatureSpace.usable(r)) {
                    return;
                }
                double[] v = space.vector(r);
                Document doc = new Document();
                doc.add(new StringField("id", r.getTrackId(), Field.Store.YES));
                doc.add(new StringField("path", r.getPath(), Field.Store.NO));
                doc.add(new KnnFloatVectorField("vec", embedding.of(r, v), VectorSimilarityFunction.EUCLIDEAN));
                bytes.reset();
                encoder[0] = EncoderFactory.get().binaryEncoder(bytes, encoder[0]);
                rowWriter.write(r, encoder[0]);
                encoder[0].flush();
                doc.add(new StoredField("row", new BytesRef(bytes.toByteArray())));
                if (k[0]++ % mpEvery == 0) {
                    doc.add(new StringField("sample", "1", Field.Store.NO));
                }
                writer.addDocument(doc);
            });
            Map<String, String> data = new HashMap<>();
            data.put(NeighbourIndex.SCAN, Long.toString(scan));
            data.put(NeighbourIndex.VERSION_KEY, Integer.toString(NeighbourIndex.VERSION));
            data.put(NeighbourIndex.SPACE, FeatureSpace.csv(space.median()) + ";" + FeatureSpace.csv(space.scale()));
            data.put(NeighbourIndex.EMBEDDING, embedding.encode());
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
        // the finished index replaces the old one: a query never sees half an index
        Path old = folder.resolveSibling("." + folder.getFileName() + ".old");
        delete(old);
        if (Files.exists(folder)) {
            Files.move(folder, old);
        }
        Files.move(tmp, folder);
        delete(old);
    }

    private static void delete(Path p) throws IOException {
        if (Files.exists(p)) {
            try (var files = Files.walk(p)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

}
