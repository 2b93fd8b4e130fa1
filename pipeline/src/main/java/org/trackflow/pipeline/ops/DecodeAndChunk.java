package org.trackflow.pipeline.ops;

import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.trackflow.pipeline.model.ScannedFile;
import org.trackflow.pipeline.model.TrackChunk;
import org.trackflow.pipeline.model.TrackMeta;
import org.trackflow.udfs.audio.AudioDecodeException;
import org.trackflow.udfs.audio.AudioDecoder;
import org.trackflow.udfs.audio.AudioInfo;
import org.trackflow.udfs.audio.AudioListener;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.Chunker;
import org.trackflow.udfs.frame.FrameGrid;
import org.trackflow.udfs.loudness.LoudnessMeter;

/**
 * Decodes a file in-process and emits its audio as chunks on the global frame grid while decoding, so a
 * slot holds at most about one chunk of any file, however long. Loudness is measured here, on the source
 * audio, since it needs the source rate and channels and the whole stream in order. A file that cannot be decoded becomes a
 * single chunk carrying the error: it costs the job nothing but that track's row.
 */
public class DecodeAndChunk extends ProcessFunction<ScannedFile, TrackChunk> {
    public static final String DECODE_NANOS = "decode_ns";

    private final int analysisRate;
    private final int framesPerChunk;
    private transient AudioDecoder decoder;
    private transient LongCounter decodeNanos;

    public DecodeAndChunk(int analysisRate, double chunkSeconds) {
        this.analysisRate = analysisRate;
        this.framesPerChunk = FrameGrid.framesPerChunk(chunkSeconds, analysisRate);
    }

    @Override
    public void open(OpenContext openContext) {
        decoder = new AudioDecoder(analysisRate);
        decodeNanos = getRuntimeContext().getLongCounter(DECODE_NANOS);
    }

    @Override
    public void processElement(ScannedFile file, Context ctx, Collector<TrackChunk> out) {
        TrackMeta meta = TrackMeta.of(file);
        long started = System.nanoTime();
        // The last chunk is emitted by finish(), after decoding, when meta is complete.
        Chunker chunker = new Chunker(framesPerChunk, chunk -> out.collect(new TrackChunk(file.trackId, chunk, chunk.last ? meta : null)));
        LoudnessMeter[] loudness = new LoudnessMeter[1];
        try {
            AudioInfo info = decoder.decode(Path.of(file.absolutePath), new AudioListener() {
                @Override
                public void sourceAudio(float[][] channels, int frames, int sampleRate) {
                    // Loudness is measured here, on the source rate and channels, in decoding order.
                    if (loudness[0] == null) {
                        loudness[0] = new LoudnessMeter(sampleRate, channels.length);
                    }
                    loudness[0].accept(channels, frames);
                }

                @Override
                public void analysisAudio(float[] samples, int length) {
                    chunker.accept(samples, 0, length);
                }
            });
            fill(meta, info);
        } catch (AudioDecodeException e) {
            meta.error = e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            // Whatever the decoder throws part way, keep what decoded and say why it stopped.
            String why = "decoding stopped: " + e;
            if (chunker.received() == 0) {
                meta.error = why;
            } else {
                meta.warning = why;
            }
        }
        if (loudness[0] != null) {
            LoudnessMeter.Result l = loudness[0].result();
            meta.loudnessLufs = l.integratedLufs();
            meta.loudnessRangeLu = l.rangeLu();
            meta.peakDbfs = l.peakDbfs();
            meta.dynamicComplexityLu = l.dynamicComplexityLu();
        }
        meta.decodeNanos = System.nanoTime() - started;
        decodeNanos.add(meta.decodeNanos);
        if (meta.error == null) {
            chunker.finish();
            if (chunker.chunksEmitted() == 0) {
                meta.error = "no audio frames: the file holds less than one analysis sample";
            }
        }
        if (meta.error != null) {
            out.collect(new TrackChunk(file.trackId,
                    new AudioChunk(chunker.chunksEmitted(), true, 0, 0, 0, new float[0]), meta));
        }
    }

    private static void fill(TrackMeta meta, AudioInfo info) {
        meta.container = info.container();
        meta.codec = info.codec();
        meta.sampleRate = info.sampleRate();
        meta.channels = info.channels();
        meta.bitrate = info.bitrate();
        meta.durationSeconds = info.durationSeconds();
        meta.warning = info.warning();
        Map<String, String> t = info.tags();
        meta.title = t.get("title");
        meta.artist = t.get("artist");
        meta.album = t.get("album");
        meta.albumArtist = first(t, "album_artist", "albumartist", "album artist");
        meta.genre = t.get("genre");
        meta.year = first(t, "date", "year", "originaldate");
        meta.trackNumber = first(t, "track", "tracknumber");
    }

    private static String first(Map<String, String> tags, String... keys) {
        for (String k : keys) {
            String v = tags.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
