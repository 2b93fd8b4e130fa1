package org.trackflow.udfs.decode;

import java.util.Locale;

/** What went wrong during one decode that did not stop it: bad packets, a read error, a short stream. */
final class DecodeWarnings {
    private int badPackets;
    private String firstBadPacket;

    /** A packet or frame FFmpeg rejected with {@code ret}, {@code atSeconds} into the decoded audio. */
    void badPacket(int ret, double atSeconds) {
        badPackets++;
        if (firstBadPacket == null) {
            firstBadPacket = Ffmpeg.error(ret) + String.format(Locale.ROOT, " at %.1f s", atSeconds);
        }
    }

    /** FFmpeg's reason for the first bad packet, or null. */
    String firstBadPacket() {
        return firstBadPacket;
    }

    /**
     * The row's warning, or null: a read error, bad packets, and audio much shorter than the container
     * announces ({@code announced} 0 when unknown or not comparable, as in excerpt mode).
     */
    String text(String readError, double decodedSeconds, double announced) {
        StringBuilder w = new StringBuilder();
        if (readError != null) {
            w.append(String.format(Locale.ROOT, "stream ends in a read error after %.1f s (%s)", decodedSeconds, readError));
        }
        if (badPackets > 0) {
            separate(w).append(badPackets).append(badPackets == 1 ? " packet" : " packets")
                    .append(" could not be decoded (").append(firstBadPacket).append(')');
        }
        if (announced > 0 && decodedSeconds < announced - Math.max(1.0, 0.02 * announced)) {
            separate(w).append(String.format(Locale.ROOT, "decoded %.1f s of the %.1f s the container announces",
                    decodedSeconds, announced));
        }
        return w.length() == 0 ? null : w.toString();
    }

    private static StringBuilder separate(StringBuilder w) {
        return w.length() > 0 ? w.append("; ") : w;
    }
}
