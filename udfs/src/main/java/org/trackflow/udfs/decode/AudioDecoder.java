package org.trackflow.udfs.decode;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes any audio file FFmpeg reads (mp3, flac, ogg/vorbis, opus, m4a/aac/alac, wav, aiff, wma, ...)
 * in-process through bytedeco's FFmpeg, streaming: source-rate planar float audio and mono analysis-rate
 * audio reach an {@link AudioListener} frame by frame, so a file of any length needs constant memory.
 *
 * <p>One decode is a {@link DecodeSession} (demuxing, excerpt seeking, the packet loop); sample-format
 * conversion is {@link PlanarFloatConverter}, downmix and resampling {@link MonoResampler}, and what went
 * wrong on the way {@link DecodeWarnings}.
 *
 * <p>Errors: a file with no decodable audio throws {@link AudioDecodeException} with FFmpeg's reason. A
 * stream that breaks part way (truncated, corrupt packets) keeps what decoded and reports it in
 * {@link AudioInfo#warning()}.
 */
public final class AudioDecoder {
    private final int analysisRate;

    /**
     * Stops JavaCPP's deallocator thread, which otherwise lives as long as the JVM and keeps the class
     * loader that loaded FFmpeg's bindings alive. Call it when that class loader is discarded (a Flink
     * job's user-code class loader on a TaskManager that outlives the job); no decoder of that class
     * loader may be used afterwards.
     */
    public static void releaseClassLoader() {
        org.bytedeco.javacpp.Pointer.interruptDeallocatorThread();
    }

    public AudioDecoder(int analysisRate) {
        this.analysisRate = analysisRate;
        Ffmpeg.init();
    }

    public AudioInfo decode(Path file, AudioListener listener) throws AudioDecodeException {
        return decode(file, listener, Excerpts.WHOLE);
    }

    public AudioInfo decode(Path file, AudioListener listener, Excerpts excerpts) throws AudioDecodeException {
        if (!Files.exists(file)) {
            throw new AudioDecodeException("file not found: it vanished after the scan");
        }
        if (!Files.isReadable(file)) {
            throw new AudioDecodeException("file not readable: permission denied");
        }
        try (DecodeSession s = new DecodeSession(file, listener, excerpts, analysisRate)) {
            return s.run();
        }
    }
}
