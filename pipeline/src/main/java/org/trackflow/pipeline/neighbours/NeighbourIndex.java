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
 * The neighbour index of a large library ({@link Output#index}): a Lucene index with one document
 * per usable track (its id, path, {@link Embedding} vector in an HNSW graph, and the columns a query
 * needs), built after each scan that changed the library, so that {@code similar} and {@code path} neither
 * read the whole current view nor compare with every track. A query takes {@value #CANDIDATES} approximate
 * neighbours from the graph and ranks them with {@link Similarity} in the library's space, each
 * track's mutual-proximity statistics fitted on {@value #SAMPLE} tracks spread over the library (stored
 * in the index too). Libraries under {@value #THRESHOLD} tracks have no index: their queries compare
 * with every track. Only on a local output folder (Lucene's own file access).
 */
public final class NeighbourIndex implements AutoCloseable {
    /** Usable tracks from which a library gets an index. */
    public static final int THRESHOLD = 10_000;
    /** Approximate neighbours a query ranks exactly. */
    public static final int CANDIDATES = 100;
    /** Tracks the mutual-proximity statistics of a query's tracks are fitted on. */
    static final int SAMPLE = 100;
    /** Tracks the embedding is fitted on. */
    static final int FIT_SAMPLE = 2_000;
    static final String SCAN = "scan";
    /**
     * Bumped when what an index holds changes for the same view (the similarity's weights, the embedding),
     * so that an older index is not used but rebuilt. 2: the fluctuation pattern, weights of features_version 4;
     * 3: the searchable text of a track (path and tags) and its path as doc values (search results by path);
     * 4: the stored rows' schema in the commit data, rows decoded by Avro's schema resolution.
     */
    static final int VERSION = 4;
    static final String VERSION_KEY = "version";
    static final String SPACE = "space";
    static final String EMBEDDING = "embedding";
    static final String ROW_SCHEMA = "row-schema";
    /** Columns a query never reads. */
    static final Schema COLUMNS = ParquetFiles.without(TrackRecord.getClassSchema(), java.util.Set.of("fingerprint", "hpcp_mean",
            "mfcc_std", "error", "warning"));

    private final FSDirectory dir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final FeatureSpace space;
    private final Embedding embedding;
    private final long scan;
    private final int version;
    private List<TrackRecord> sample;
    private final SpecificDatumReader<TrackRecord> rowReader;

    private NeighbourIndex(FSDirectory dir, DirectoryReader reader) {
        this.dir = dir;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        Map<String, String> data = userData(reader);
        String[] s = data.get(SPACE).split(";");
        this.space = FeatureSpace.of(FeatureSpace.parseCsv(s[0]), FeatureSpace.parseCsv(s[1]));
        this.embedding = Embedding.decode(data.get(EMBEDDING));
        this.scan = Long.parseLong(data.get(SCAN));
        this.version = data.containsKey(VERSION_KEY) ? Integer.parseInt(data.get(VERSION_KEY)) : 1;
        Schema written = data.containsKey(ROW_SCHEMA) ? new Schema.Parser().parse(data.get(ROW_SCHEMA)) : TrackRecord.getClassSchema();
        this.rowReader = new SpecificDatumReader<>(written, TrackRecord.getClassSchema());
    }

    private static Map<String, String> userData(DirectoryReader reader) {
        try {
            return reader.getIndexCommit().getUserData();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The output's index if it exists, is as new as the current view and of this {@link #VERSION}, else null. */
    public static NeighbourIndex open(CurrentView view) throws IOException {
        Path folder = view.output().index();
        if (folder == null || !Files.isDirectory(folder)) {
            return null;
        }
        FSDirectory dir = FSDirectory.open(folder);
        if (!DirectoryReader.indexExists(dir)) {
            dir.close();
            return null;
        }
        NeighbourIndex index = new NeighbourIndex(dir, DirectoryReader.open(dir));
        if (index.scan != view.scanId() || index.version != VERSION) {
            index.close();
            return null;
        }
        return index;
    }

    public int size() {
        return reader.numDocs();
    }

    public FeatureSpace space() {
        return space;
    }

    /** A track's row and vector. */
    public record Hit(int doc, TrackRecord row, float[] vector, float score) {}

    /** The track a user means: its id, its path, the end of its path, or (the first by path) a part of it; or null. */
    public Hit find(String seed) throws IOException {
        return find(List.of(new TermQuery(new Term("id", seed)), new TermQuery(new Term("path", seed)),
                new WildcardQuery(new Term("path", "*" + escape(seed))), new WildcardQuery(new Term("path", "*" + escape(seed) + "*"))));
    }

    /** The track whose id or whole path is {@code seed}, or null: two term lookups, never a scan of the terms. */
    public Hit findExact(String seed) throws IOException {
        return find(List.of(new TermQuery(new Term("id", seed)), new TermQuery(new Term("path", seed))));
    }

    private Hit find(List<org.apache.lucene.search.Query> queries) throws IOException {
        for (org.apache.lucene.search.Query q : queries) {
            TopDocs top = searcher.search(q, 1000);
            if (top.scoreDocs.length > 0) {
                Hit best = null;
                for (ScoreDoc sd : top.scoreDocs) {
                    Hit h = hit(sd.doc, 0);
                    if (best == null || h.row().getPath().compareTo(best.row().getPath()) < 0) {
                        best = h;
                    }
                }
                return best;
            }
        }
        return null;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    /** The document of the track with id {@code id}, or -1. */
    public int doc(String id) throws IOException {
        TopDocs top = searcher.search(new TermQuery(new Term("id", id)), 1);
        return top.scoreDocs.length == 0 ? -1 : top.scoreDocs[0].doc;
    }

    /** The row of document {@code doc}. */
    public TrackRecord row(int doc) throws IOException {
        return decode(doc);
    }

    /**
     * Tracks whose path or tags hold every word of {@code words} (as {@link TrackText} splits them; a word
     * matches the start of a word of the track), by path, from the {@code offset}-th on: at most {@code limit},
     * and how many match in all.
     */
    public TrackText.Found search(String words, int offset, int limit) throws IOException {
        List<String> terms = TrackText.words(words);
        org.apache.lucene.search.Query query;
        if (terms.isEmpty()) {
            query = new org.apache.lucene.search.MatchAllDocsQuery();
        } else {
            org.apache.lucene.search.BooleanQuery.Builder b = new org.apache.lucene.search.BooleanQuery.Builder();
            for (String t : terms) {
                b.add(new org.apache.lucene.search.PrefixQuery(new Term(TrackText.FIELD, t)), org.apache.lucene.search.BooleanClause.Occur.FILTER);
            }
            query = b.build();
        }
        org.apache.lucene.search.Sort byPath = new org.apache.lucene.search.Sort(
                new org.apache.lucene.search.SortField("path", org.apache.lucene.search.SortField.Type.STRING));
        TopDocs top = searcher.search(query, Math.max(1, offset + limit), byPath);
        List<TrackRecord> rows = new ArrayList<>();
        for (int i = offset; i < top.scoreDocs.length && rows.size() < limit; i++) {
            rows.add(decode(top.scoreDocs[i].doc));
        }
        return new TrackText.Found(rows, searcher.count(query));
    }

    /** The {@code k} nearest tracks to {@code vector} by the graph (approximate), nearest first. */
    public List<Hit> nearest(float[] vector, int k) throws IOException {
        List<Hit> out = new ArrayList<>();
        for (int doc : nearestDocs(vector, k)) {
            out.add(hit(doc, 0));
        }
        return out;
    }

    /**
     * As {@link #nearest}, document numbers only. The graph is searched for at least {@value #BEAM}
     * candidates (Lucene's search keeps k of them as it goes), so that the first k are right.
     */
    public List<Integer> nearestDocs(float[] vector, int k) throws IOException {
        int beam = Math.max(k, BEAM);
        TopDocs top = searcher.search(new KnnFloatVectorQuery("vec", vector, beam), beam);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, top.scoreDocs.length); i++) {
            out.add(top.scoreDocs[i].doc);
        }
        return out;
    }

    /** Candidates a graph search keeps at least. */
    static final int BEAM = 250;

    /** The vector of a track (as indexed) for a row of the library. */
    public float[] vector(TrackRecord row) {
        return embedding.of(row, space.vector(row));
    }

    /** The tracks the mutual-proximity statistics are fitted on. */
    public synchronized List<TrackRecord> sample() throws IOException {
        if (sample == null) {
            List<TrackRecord> s = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(new TermQuery(new Term("sample", "1")), Integer.MAX_VALUE).scoreDocs) {
                s.add(hit(sd.doc, 0).row());
            }
            sample = s;
        }
        return sample;
    }

    private Hit hit(int doc, float score) throws IOException {
        TrackRecord row = decode(doc);
        return new Hit(doc, row, vector(row), score);
    }

    private TrackRecord decode(int doc) throws IOException {
        StoredFields stored = searcher.storedFields();
        BytesRef b = stored.document(doc).getBinaryValue("row");
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(b.bytes, b.offset, b.length, null);
        return rowReader.read(null, decoder);
    }

    @Override
    public void close() throws IOException {
        reader.close();
        dir.close();
    }
}
