package org.trackflow.pipeline.flink.ops;

import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.pipeline.model.TrackChunk;
import org.trackflow.pipeline.model.TrackMeta;
import org.trackflow.udfs.analysis.TrackDecoder;
import org.trackflow.udfs.decode.AudioDecodeException;
import org.trackflow.udfs.decode.AudioProbe;
import org.trackflow.udfs.model.ModelSpec;
import org.trackflow.udfs.model.ModelState;
import org.trackflow.udfs.model.ModelTap;
import org.trackflow.udfs.model.OnnxModel;
import ai.onnxruntime.OrtException;
import java.util.ArrayList;
import java.util.List;
import org.trackflow.udfs.decode.Excerpts;
import org.trackflow.udfs.decode.AudioInfo;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.loudness.LoudnessMeter;

/**
 * Decodes a file in-process ({@link TrackDecoder}) and emits its audio as chunks on the global frame grid
 * while decoding, so a slot holds about two chunks of any file, however long. Loudness is measured here,
 * on the source audio, since it needs the source rate and channels and the whole stream in order. A file
 * that cannot be decoded becomes a single chunk carrying the error: it costs the job nothing but that
 * track's row. A changed file whose stored row has an audio hash is first demuxed without decoding
 * ({@link AudioProbe}): the same packets mean a retag, one empty chunk carrying its new tags.
 */
public class DecodeAndChunk extends ProcessFunction<ScannedFile, TrackChunk> {
    public static final String DECODE_NANOS = "decode_ns";

    private final int analysisRate;
    private final double chunkSeconds;
    private final Excerpts excerpts;
    private transient TrackDecoder decoder;
    private transient LongCounter decodeNanos;
    private transient Counter filesDecoded;
    private transient Counter filesFailed;
    private transient Counter bytesRead;
    private transient Counter decodeMillis;
    private transient Counter retags;

    private final List<ModelSpec> models;
    /** One session per model in this slot, opened once and reused for every track. */
    private transient List<OnnxModel> sessions;

    public DecodeAndChunk(int analysisRate, double chunkSeconds, Excerpts excerpts) {
        this(analysisRate, chunkSeconds, excerpts, List.of());
    }

    public DecodeAndChunk(int analysisRate, double chunkSeconds, Excerpts excerpts, List<ModelSpec> models) {
        this.analysisRate = analysisRate;
        this.chunkSeconds = chunkSeconds;
        this.excerpts = excerpts;
        this.models = List.copyOf(models);
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new TrackDecoder(analysisRate, chunkSeconds, excerpts);
        // A TaskManager outlives the job: without this, every job submitted to it leaks its class loader
        // (and its share of metaspace) through JavaCPP's deallocator thread.
        getRuntimeContext().registerUserCodeClassLoaderReleaseHookIfAbsent("trackflow-javacpp",
                org.trackflow.udfs.decode.AudioDecoder::releaseClassLoader);
        decodeNanos = getRuntimeContext().getLongCounter(DECODE_NANOS);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        filesDecoded = metrics.counter("filesDecoded");
        filesFailed = metrics.counter("filesFailed");
        bytesRead = metrics.counter("bytesRead");
        decodeMillis = metrics.counter("decodeMillis");
        retags = metrics.counter("filesRetagged");
        sessions = new ArrayList<>();
        for (ModelSpec m : models) {
            try {
                sessions.add(new OnnxModel(Path.of(m.file()), m.card()));
            } catch (OrtException | RuntimeException e) {
                // the ones already open hold native memory: a restart would otherwise leak them on this slot
                closeSessions();
                throw new IllegalStateException("model " + m.card().name() + " (" + m.file() + ") cannot be loaded: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws Exception {
        closeSessions();
        super.close();
    }

    private void closeSessions() {
        if (sessions == null) {
            return;
        }
        for (OnnxModel s : sessions) {
            try {
                s.close();
            } catch (OrtException e) {
                // closing frees native memory; nothing a failed close leaves behind is ours to recover
            }
        }
        sessions.clear();
    }

    @Override
    public void processElement(ScannedFile file, Context ctx, Collector<TrackChunk> out) {
        TrackMeta meta = TrackMeta.of(file);
        long started = System.nanoTime();
        if (file.previousAudioHash != null && retagged(file, meta)) {
            // the same audio packets as the stored row's: a retag, a cover or padding; nothing to decode
            retags.inc();
            bytesRead.inc(file.sizeBytes);
            decodeNanos.add(System.nanoTime() - started);
            out.collect(new TrackChunk(file.trackId, 0, true, new AudioChunk(0, true, 0, 0, 0, new float[0]), meta));
            return;
        }
        if (meta.audioHash == null && excerpts.count() > 0) {
            // excerpts leave packets unread: a demuxer pass hashes them, so that a later retag is recognised
            try {
                meta.audioHash = AudioProbe.of(Path.of(file.absolutePath)).hash();
            } catch (AudioDecodeException e) {
                // decoding will say what is wrong with the file
            }
        }
        // Chained downstream operators (chunk features) run inside collect(): their time is not decoding.
        long[] downstream = new long[1];
        int chunks;
        boolean modelsOnly = file.changeKind() == org.trackflow.pipeline.catalog.Change.Kind.MODELS;
        ModelTap tap = models.isEmpty() ? null : new ModelTap(models, sessions, analysisRate);
        try {
            TrackDecoder.Decoded decoded = decoder.decode(Path.of(file.absolutePath), new TrackDecoder.ChunkSink() {
                @Override
                public void chunk(AudioChunk chunk, int seq) {
                    if (modelsOnly) {
                        return; // the features are current: only the models read the audio
                    }
                    long t = System.nanoTime();
                    out.collect(new TrackChunk(file.trackId, seq, false, chunk, null));
                    downstream[0] += System.nanoTime() - t;
                }

                @Override
                public void last(AudioChunk chunk, int seq, TrackDecoder.Decoded d) {
                    fill(meta, d);
                    if (tap != null) {
                        models(meta, tap);
                    }
                    long t = System.nanoTime();
                    if (modelsOnly) {
                        meta.modelsOnly = true;
                        out.collect(new TrackChunk(file.trackId, 0, true, new AudioChunk(0, true, 0, 0, 0, new float[0]), meta));
                    } else {
                        out.collect(new TrackChunk(file.trackId, seq, true, chunk, meta));
                    }
                    downstream[0] += System.nanoTime() - t;
                }
            }, tap, !modelsOnly); // the features are current: loudness and fingerprint are not taken again
            chunks = decoded.chunks();
            if (chunks == 0) {
                meta.error = "no audio frames: the file holds less than one analysis sample";
            }
        } catch (AudioDecodeException e) {
            chunks = 0;
            meta.error = e.getMessage();
        } finally {
            if (tap != null) {
                tap.close();
            }
        }
        long spent = System.nanoTime() - started - downstream[0];
        decodeNanos.add(spent);
        decodeMillis.inc(spent / 1_000_000);
        bytesRead.inc(file.sizeBytes);
        (chunks == 0 ? filesFailed : filesDecoded).inc();
        if (chunks == 0) {
            if (modelsOnly) {
                // decoded before, not now: the stored row stays as it is, and says why its models are missing
                meta.modelsOnly = true;
                meta.modelNames = models.stream().map(m -> m.card().name()).toArray(String[]::new);
                meta.modelVectors = new float[models.size()][];
                meta.modelStates = models.stream()
                        .map(m -> ModelState.of(m.sha256(), m.card().weight(), "the audio could not be decoded again: " + meta.error))
                        .toArray(String[]::new);
                meta.error = null;
            }
            out.collect(new TrackChunk(file.trackId, 0, true, new AudioChunk(0, true, 0, 0, 0, new float[0]), meta));
        }
    }

    /**
     * Whether the changed {@code file}'s audio packets hash to its stored row's (then {@code meta} gets the
     * file's tags and container facts); else {@code meta} keeps the new hash, so the decode need not rehash.
     */
    private boolean retagged(ScannedFile file, TrackMeta meta) {
        try {
            AudioProbe probe = AudioProbe.of(Path.of(file.absolutePath));
            meta.audioHash = probe.hash();
            if (!probe.hash().equals(file.previousAudioHash)) {
                return false;
            }
            meta.retagged = true;
            meta.change = org.trackflow.pipeline.catalog.RowKinds.RETAGGED;
            meta.container = probe.container();
            meta.codec = probe.codec();
            meta.sampleRate = probe.sampleRate();
            meta.channels = probe.channels();
            meta.bitrate = probe.bitrate();
            meta.durationSeconds = probe.durationSeconds();
            meta.tags(probe.tags());
            return true;
        } catch (AudioDecodeException e) {
            return false; // decoding will say what is wrong with the file
        }
    }

    /** Each model's vector (or why it has none) into the track's meta. */
    private void models(TrackMeta meta, ModelTap tap) {
        List<ModelTap.Outcome> outcomes = tap.finish();
        meta.modelNames = new String[outcomes.size()];
        meta.modelVectors = new float[outcomes.size()][];
        meta.modelStates = new String[outcomes.size()];
        for (int k = 0; k < outcomes.size(); k++) {
            ModelTap.Outcome o = outcomes.get(k);
            meta.modelNames[k] = o.name();
            meta.modelVectors[k] = o.vector();
            // the card's weight travels with the row: the similarity weighs the model's component by it
            meta.modelStates[k] = ModelState.of(o.sha256(), models.get(k).card().weight(), o.error());
        }
    }

    private static void fill(TrackMeta meta, TrackDecoder.Decoded d) {
        meta.warning = d.warning();
        meta.fingerprint = d.fingerprint();
        LoudnessMeter.Result l = d.loudness();
        if (l != null) {
            meta.loudnessLufs = l.integratedLufs();
            meta.loudnessRangeLu = l.rangeLu();
            meta.peakDbfs = l.peakDbfs();
            meta.dynamicComplexityLu = l.dynamicComplexityLu();
        }
        AudioInfo info = d.info();
        if (info == null) {
            return;
        }
        meta.container = info.container();
        meta.codec = info.codec();
        meta.sampleRate = info.sampleRate();
        meta.channels = info.channels();
        meta.bitrate = info.bitrate();
        meta.durationSeconds = info.durationSeconds();
        if (info.audioHash() != null) {
            meta.audioHash = info.audioHash();
        }
        meta.tags(info.tags());
    }
}
