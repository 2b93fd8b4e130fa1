package org.trackflow.udfs.fingerprint;

import org.trackflow.udfs.decode.AudioListener;

/**
 * Chromaprint-compatible audio fingerprint, pure Java: a port of the algorithm of Chromaprint 1.5.1
 * (Lukas Lalinsky, <a href="https://github.com/acoustid/chromaprint">acoustid/chromaprint</a>; its own code
 * is MIT-licensed, the library as a whole LGPL 2.1 for the FFmpeg code it bundles) in its default
 * configuration ({@code CHROMAPRINT_ALGORITHM_TEST2}), fed the way its command-line tool {@code fpcalc}
 * feeds it, so {@link #finish()} returns what {@code fpcalc -raw} prints for the same decoded audio
 * (bit-exact on every test file, see {@code FpcalcAgreementTest}).
 *
 * <p>Pipeline: source audio to mono int16 at 11025 Hz as {@code fpcalc}'s libswresample set-up does
 * ({@link FpcalcConverter}, {@link ChromaprintResampler}); the first {@code maxSeconds * 11025} samples of
 * that (fpcalc's {@code -length}, default 120 s); 4096-sample frames every 1365 samples (0.1238 s),
 * Hamming window, power spectrum, 12 chroma bands, smoothing and normalisation ({@link ChromaExtractor});
 * an integral image of the chroma rows and 16 classifiers of 2 bits each ({@link FingerprintCalculator},
 * {@link Classifier}). A track of {@code n} frames gives {@code n - 19} items (4 lost to the smoothing, 15
 * to the classifiers' 16-frame windows): 948 for 120 s or more.
 *
 * <p>Streaming, constant memory, one instance per track and thread. Feed {@link #consume} with planar
 * float audio at the source rate, as {@code AudioListener.sourceAudio} delivers it (see
 * {@link #listener()}); stop early when {@link #isComplete()}. Cost: about 100 ms of CPU per stereo track
 * at 44.1 or 48 kHz, most of it resampling each channel ({@link Downmix#BEFORE_RESAMPLING}: about
 * 60 ms), whatever its length beyond 120 s.
 */
public final class Fingerprinter {
    /** Rate of the audio the algorithm runs on. */
    public static final int SAMPLE_RATE = ChromaprintResampler.OUTPUT_RATE;
    /** fpcalc's default {@code -length}. */
    public static final double DEFAULT_MAX_SECONDS = 120;
    /** Duration of one fingerprint item (one frame hop), seconds. */
    public static final double ITEM_SECONDS = (double) ChromaExtractor.HOP / SAMPLE_RATE;

    /** Which libswresample arithmetic fpcalc would use for the source (it follows the decoder's format). */
    public enum SourceFormat {
        /** Decide from the samples: exact multiples of 2^-15 mean a 16-bit source. */
        AUTO,
        /** 16-bit integer sources (PCM WAV, 16-bit FLAC, ...): integer downmix and resampling. */
        INT16,
        /** Float or 24/32-bit sources (MP3, AAC, Vorbis, Opus, 24-bit FLAC, ...). */
        FLOAT
    }

    /** Where the channels are mixed to mono. */
    public enum Downmix {
        /** After resampling each channel, as fpcalc (libswresample): the exact 11025 Hz stream. */
        AFTER_RESAMPLING,
        /**
         * Before one resampler: half the resampling work (about 40 % less CPU for a stereo track); the
         * 11025 Hz stream differs from fpcalc's by one int16 step in some samples, which left every
         * fingerprint bit unchanged on the test files.
         */
        BEFORE_RESAMPLING
    }

    private final long maxSamples;
    private final FpcalcConverter converter;
    private final ChromaExtractor chroma;
    private final FingerprintCalculator calculator = new FingerprintCalculator(Classifier.TEST2);
    private long samples;
    private boolean finished;

    /** fpcalc's defaults: the first 120 s, source format detected, exact downmix. */
    public Fingerprinter() {
        this(DEFAULT_MAX_SECONDS, SourceFormat.AUTO, Downmix.AFTER_RESAMPLING);
    }

    /**
     * @param maxSeconds audio to fingerprint, counted at 11025 Hz as fpcalc's {@code -length} (0: all)
     * @param format the source's sample format, or {@link SourceFormat#AUTO}
     * @param downmix {@link Downmix#AFTER_RESAMPLING} for fpcalc's exact stream
     */
    public Fingerprinter(double maxSeconds, SourceFormat format, Downmix downmix) {
        if (!(maxSeconds >= 0)) {
            throw new IllegalArgumentException("maxSeconds " + maxSeconds);
        }
        long limit = (long) (maxSeconds * SAMPLE_RATE); // fpcalc: size_t(g_max_duration * rate)
        this.maxSamples = limit > 0 ? limit : Long.MAX_VALUE;
        this.chroma = new ChromaExtractor(calculator::addRow);
        this.converter = new FpcalcConverter(format, downmix == Downmix.BEFORE_RESAMPLING, this::accept);
    }

    /**
     * Source audio: {@code channels[c][i]} for {@code i < frames}, nominally in [-1, 1], at
     * {@code sampleRate} (which must not change). Ignored once {@link #isComplete()}.
     */
    public void consume(float[][] channels, int frames, int sampleRate) {
        if (finished) {
            throw new IllegalStateException("finish() was called");
        }
        if (samples < maxSamples) {
            converter.consume(channels, frames, sampleRate);
        }
    }

    /** True once the length limit is reached: further audio would be ignored. */
    public boolean isComplete() {
        return samples >= maxSamples;
    }

    /**
     * Ends the stream and returns the raw items. Like Debian's {@code fpcalc} 1.5.1 this does not drain
     * the resampler's last half filter (a couple of milliseconds): its reader stops at the decoder's
     * end-of-file error before {@code swr_convert(NULL)}. Upstream {@code fpcalc} 1.6 drains it, which adds
     * one item to roughly one track in 70 of those shorter than the limit.
     */
    public int[] finish() {
        if (!finished) {
            finished = true;
            if (samples < maxSamples) {
                converter.finish(false);
            }
        }
        return calculator.fingerprint();
    }

    /** Seconds of 11025 Hz audio that went into the fingerprint so far. */
    public double fingerprintedSeconds() {
        return (double) samples / SAMPLE_RATE;
    }

    /**
     * This fingerprinter as a decoder listener: takes {@code sourceAudio} of the first segment when it
     * starts at 0 s (a fingerprint needs the start of the track; excerpts of excerpt mode are skipped).
     */
    public AudioListener listener() {
        return new AudioListener() {
            private boolean active = true;

            @Override
            public void segmentStart(int segment, double startSeconds) {
                active = segment == 0 && startSeconds == 0;
            }

            @Override
            public void sourceAudio(float[][] channels, int frames, int sampleRate) {
                if (active && !isComplete()) {
                    consume(channels, frames, sampleRate);
                }
            }

            @Override
            public void segmentEnd(int segment) {
                active = false;
            }

            @Override
            public void analysisAudio(float[] samples, int length) {}
        };
    }

    private void accept(short[] s, int length) {
        int n = (int) Math.min(length, maxSamples - samples);
        if (n > 0) {
            samples += n;
            chroma.consume(s, n);
        }
    }
}
