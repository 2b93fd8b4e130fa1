package org.trackflow.pipeline.playlists;

import java.io.Serializable;
import java.util.Locale;

/**
 * What the user asks of the playlists: a number of them ({@code playlists}, 0 for chosen by silhouette)
 * or a size range {@code minSize}-{@code maxSize} (MAX at least 2 x MIN - 1, so that a playlist too big can
 * be cut in parts of at least MIN), and the seed of the clusterings that draw at random.
 */
public record PlaylistOptions(int playlists, int minSize, int maxSize, long seed) implements Serializable {
    /** The smallest playlist a small library (under twice the minimum) may have, if the range allows it. */
    public static final int SMALL_LIBRARY_MIN = 6;

    public static PlaylistOptions defaults() {
        return new PlaylistOptions(0, 20, 60, 42);
    }

    /**
     * The minimum playlist size for a library of {@code n} tracks: the range's, or on a library smaller than
     * twice that, {@value #SMALL_LIBRARY_MIN} (or the range's minimum, if smaller). The one rule every step
     * of the clustering uses.
     */
    public int minSize(int n) {
        return n < 2 * minSize ? Math.min(SMALL_LIBRARY_MIN, minSize) : minSize;
    }

    /** The options as the record that stored them printed them (the playlists' build key). */
    public String key() {
        return String.format(Locale.ROOT, "Options[playlists=%d, minSize=%d, maxSize=%d, seed=%d]", playlists, minSize, maxSize, seed);
    }
}
