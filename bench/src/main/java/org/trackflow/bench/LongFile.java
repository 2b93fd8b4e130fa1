package org.trackflow.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.trackflow.testkit.TrackSynth;

/**
 * Writes a long 16-bit stereo 44.1 kHz WAV (a DJ mix, a concert) for the memory benchmark, streamed in
 * 5-minute synthetic sections so that writing it needs little memory:
 * {@code LongFile <file.wav> <minutes>}.
 */
public final class LongFile {
    private static final int RATE = 44_100;
    private static final double SECTION_S = 300;

    private LongFile() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        double minutes = Double.parseDouble(args[1]);
        long frames = Math.round(minutes * 60 * RATE);
        long dataBytes = frames * 4;
        if (dataBytes > 0xFFFF_FFFFL - 36) {
            throw new IllegalArgumentException("a WAV holds at most 4 GiB: " + minutes + " min is too long");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(header(dataBytes));
            long written = 0;
            for (int section = 0; written < frames; section++) {
                TrackSynth.Spec spec = new TrackSynth.Spec(120 + section % 8 * 4, section * 5 % 12, section % 2 == 1,
                        0.8, 0.5, 0.1, 0.6, SECTION_S, 7_000 + section);
                float[][] audio = TrackSynth.render(spec, RATE);
                int n = (int) Math.min(audio[0].length, frames - written);
                ByteBuffer pcm = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    pcm.putShort(pcm16(audio[0][i]));
                    pcm.putShort(pcm16(audio[1][i]));
                }
                out.write(pcm.array());
                written += n;
            }
        }
        System.out.printf("%s: %.0f min, %.0f MB%n", file, minutes, Files.size(file) / 1e6);
    }

    private static short pcm16(float x) {
        return (short) Math.round(Math.max(-1f, Math.min(1f, x)) * 32767);
    }

    private static byte[] header(long dataBytes) {
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(RATE).putInt(RATE * 4)
                .putShort((short) 4).putShort((short) 16);
        h.put("data".getBytes()).putInt((int) dataBytes);
        return h.array();
    }
}
