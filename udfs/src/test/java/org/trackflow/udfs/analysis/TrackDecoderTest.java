package org.trackflow.udfs.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trackflow.testkit.AudioEncoder;
import org.trackflow.testkit.TrackSynth;
import org.trackflow.udfs.decode.AudioListener;
import org.trackflow.udfs.decode.Excerpts;
import org.trackflow.udfs.frame.AudioChunk;
import org.trackflow.udfs.frame.FrameGrid;

/**
 * A decode for a listener alone (a learned model on a track whose features are current) takes no source
 * measures, and its listener hears exactly what it hears in a full decode: the same source and analysis
 * samples, the same chunks.
 */
class TrackDecoderTest {
    @TempDir
    Path tmp;

    /** Every sample a listener heard, source channels and analysis signal, as bytes in order. */
    private static final class Recorder implements AudioListener {
        final ByteArrayOutputStream source = new ByteArrayOutputStream();
        final ByteArrayOutputStream analysis = new ByteArrayOutputStream();

        @Override
        public void sourceAudio(float[][] channels, int frames, int sampleRate) {
            ByteBuffer b = ByteBuffer.allocate(4 * frames * channels.length);
            for (int i = 0; i < frames; i++) {
                for (float[] c : channels) {
                    b.putFloat(c[i]);
                }
            }
            source.writeBytes(b.array());
        }

        @Override
        public void analysisAudio(float[] samples, int length) {
            ByteBuffer b = ByteBuffer.allocate(4 * length);
            for (int i = 0; i < length; i++) {
                b.putFloat(samples[i]);
            }
            analysis.writeBytes(b.array());
        }
    }

    private static TrackDecoder.Decoded decode(Path file, Recorder tap, boolean measure, int[] chunks) throws Exception {
        return new TrackDecoder(FrameGrid.DEFAULT_ANALYSIS_RATE, 5, Excerpts.WHOLE).decode(file, new TrackDecoder.ChunkSink() {
            @Override
            public void chunk(AudioChunk chunk, int seq) {
                chunks[0]++;
            }

            @Override
            public void last(AudioChunk chunk, int seq, TrackDecoder.Decoded d) {
                chunks[0]++;
            }
        }, tap, measure);
    }

    @Test
    void aDecodeForAListenerAloneTakesNoMeasuresAndTheListenerHearsTheSame() throws Exception {
        Path file = tmp.resolve("track.flac");
        AudioEncoder.encode(TrackSynth.render(new TrackSynth.Spec(120, 9, true, 0.9, 0.6, 0.3, 0.7, 12, 5), 44_100), 44_100,
                AudioEncoder.Format.FLAC, file, Map.of());
        Recorder full = new Recorder();
        Recorder alone = new Recorder();
        int[] fullChunks = {0};
        int[] aloneChunks = {0};
        TrackDecoder.Decoded measured = decode(file, full, true, fullChunks);
        TrackDecoder.Decoded unmeasured = decode(file, alone, false, aloneChunks);

        assertThat(measured.loudness()).isNotNull();
        assertThat(measured.fingerprint()).isNotNull();
        assertThat(unmeasured.loudness()).isNull();
        assertThat(unmeasured.fingerprint()).isNull();
        assertThat(unmeasured.chunks()).isEqualTo(measured.chunks()).isEqualTo(aloneChunks[0]).isEqualTo(fullChunks[0]).isGreaterThan(1);
        assertThat(unmeasured.info().durationSeconds()).isEqualTo(measured.info().durationSeconds());
        assertThat(alone.source.toByteArray()).hasSizeGreaterThan(44_100 * 2 * 4 * 11).isEqualTo(full.source.toByteArray());
        assertThat(alone.analysis.toByteArray()).hasSizeGreaterThan(FrameGrid.DEFAULT_ANALYSIS_RATE * 4 * 11)
                .isEqualTo(full.analysis.toByteArray());
    }
}
