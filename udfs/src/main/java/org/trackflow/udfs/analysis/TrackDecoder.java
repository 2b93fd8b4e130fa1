package org.trackflow.udfs.analysis;

import java.nio.file.Path;
import org.trackflow.udfs.decode.AudioDecodeException;
import org.trackflow.udfs.decode.AudioDecoder;
import org.trackflow.udfs.decode.Excerpts;
import org.trackflow.udfs.decode.AudioInfo;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.udfs.fingerprint.FingerprintCompressor;
import org.trackflow.udfs.fingerprint.Fingerprinter;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.Chunker;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.loudness.DynamicComplexity;
import org.trackflow.udfs.loudness.LoudnessMeter;

/**
 * Decodes one file into its sequence of analysis chunks while measuring the source's loudness (and, on the
 * analysis signal in stream order, its dynamic complexity) and taking
 * its Chromaprint fingerprint (first 120 s, from the same decoded audio; full mode only: excerpts do not
 * give the fingerprint AcoustID and fpcalc compute): one
 * {@link Chunker} per segment (the whole track, or each fast-mode excerpt), chunks numbered 0, 1, 2 ...
 * across segments. The last chunk is held back until decoding has finished, so that it can travel with
 * everything learnt about the file. Memory: about two chunks, whatever the file's length.
 */
public final class TrackDecoder {

    /** Where the chunks go. */
    public interface ChunkSink {
        /** Chunk number {@code seq} of the track, not its last. */
        void chunk(AudioChunk chunk, int seq);

        /** The track's last chunk, with what decoding found. */
        void last(AudioChunk chunk, int seq, Decoded decoded);
    }

    /**
     * What decoding found: container facts (null if decoding broke before it knew them), loudness, the
     * compressed Chromaprint fingerprint as {@code fpcalc} prints it (null in fast mode), caveats.
     */
    public record Decoded(AudioInfo info, LoudnessMeter.Result loudness, String fingerprint, String warning, int chunks) {
        /** What was measured on the source signal, for the whole-track features. */
        public SourceMeasures source() {
            return new SourceMeasures(loudness, fingerprint);
        }
    }

    private final AudioDecoder decoder;
    private final int analysisRate;
    private final int framesPerChunk;
    private final Excerpts excerpts;

    public TrackDecoder(int analysisRate, double chunkSeconds, Excerpts excerpts) {
        this.decoder = new AudioDecoder(analysisRate);
        this.analysisRate = analysisRate;
        this.framesPerChunk = FrameGrid.framesPerChunk(chunkSeconds, analysisRate);
        this.excerpts = excerpts;
    }

    /**
     * Decodes {@code file}; returns what was found. When the file holds no analysable audio the sink's
     * {@code last} is never called and {@link Decoded#chunks()} is 0.
     *
     * @throws AudioDecodeException when the file cannot be decoded at all
     */
    public Decoded decode(Path file, ChunkSink sink) throws AudioDecodeException {
        return decode(file, sink, null);
    }

    /**
     * As above, and {@code tap} (if not null) hears the same audio as the analysis, in order: the source
     * signal and the analysis signal, and where segments begin and end (what a learned model reads).
     */
    public Decoded decode(Path file, ChunkSink sink, AudioListener tap) throws AudioDecodeException {
        return decode(file, sink, tap, true);
    }

    /**
     * As above; without {@code measure} the source measures (loudness, dynamic complexity, fingerprint) are not
     * taken ({@link Decoded#loudness()} and {@link Decoded#fingerprint()} null): for a decode whose only
     * listener is {@code tap}, such as a learned model run on a track whose features are current.
     */
    public Decoded decode(Path file, ChunkSink sink, AudioListener tap, boolean measure) throws AudioDecodeException {
        Run run = new Run(sink, tap, measure);
        AudioInfo info = null;
        String warning = null;
        try {
            info = decoder.decode(file, run, excerpts);
            warning = info.warning();
        } catch (RuntimeException | LinkageError e) {
            // Whatever breaks part way: keep what decoded and say why it stopped.
            if (run.seq == 0 && run.held == null && (run.chunker == null || run.chunker.received() == 0)) {
                throw new AudioDecodeException("decoding failed: " + e);
            }
            run.finishSegment();
            warning = "decoding stopped part way: " + e;
        }
        LoudnessMeter.Result loudness = run.meter != null ? run.meter.result(run.complexity.result()) : null;
        String fingerprint = null;
        if (run.fingerprinter != null && run.fingerprinted) {
            int[] items = run.fingerprinter.finish();
            fingerprint = items.length > 0 ? FingerprintCompressor.encode(items) : null;
        }
        Decoded decoded = new Decoded(info, loudness, fingerprint, warning, run.seq + (run.held != null ? 1 : 0));
        if (run.held != null) {
            sink.last(run.held, run.seq, decoded);
        }
        return decoded;
    }

    /** The state of one decode. */
    private final class Run implements AudioListener {
        private final ChunkSink sink;
        private Chunker chunker;
        private LoudnessMeter meter;
        private final DynamicComplexity complexity;
        private final Fingerprinter fingerprinter;
        private boolean fingerprinted;
        private AudioChunk held;
        private int seq;
        private final AudioListener tap;

        Run(ChunkSink sink, AudioListener tap, boolean measure) {
            this.sink = sink;
            this.tap = tap;
            this.complexity = measure ? new DynamicComplexity(analysisRate) : null;
            this.fingerprinter = measure && excerpts.count() == 0 ? new Fingerprinter() : null;
        }

        @Override
        public void sourceAudio(float[][] channels, int frames, int sampleRate) {
            if (complexity != null) { // measuring: the meter comes with the source's layout
                if (meter == null) {
                    meter = new LoudnessMeter(sampleRate, channels.length);
                }
                meter.accept(channels, frames);
            }
            if (fingerprinter != null && !fingerprinter.isComplete()) {
                fingerprinter.consume(channels, frames, sampleRate);
                fingerprinted = true;
            }
            if (tap != null) {
                tap.sourceAudio(channels, frames, sampleRate);
            }
        }

        @Override
        public void analysisAudio(float[] samples, int length) {
            if (complexity != null) {
                complexity.accept(samples, length);
            }
            chunker.accept(samples, 0, length);
            if (tap != null) {
                tap.analysisAudio(samples, length);
            }
        }

        @Override
        public void segmentStart(int segment, double startSeconds) {
            chunker = new Chunker(framesPerChunk, segment, this::hold);
            if (complexity != null) {
                complexity.segmentBreak();
            }
            if (meter != null) {
                meter.segmentBreak();
            }
        }

        @Override
        public void segmentEnd(int segment) {
            finishSegment();
        }

        void finishSegment() {
            if (chunker != null) {
                Chunker c = chunker;
                chunker = null;
                c.finish();
            }
        }

        private void hold(AudioChunk chunk) {
            if (held != null) {
                sink.chunk(held, seq++);
            }
            held = chunk;
        }
    }
}
