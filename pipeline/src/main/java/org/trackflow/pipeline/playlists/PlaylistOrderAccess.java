package org.trackflow.pipeline.playlists;

import java.util.List;
import org.trackflow.schemas.TrackRecord;

/** The play-order rule of {@link PlaylistOrder}, for instant mixes. */
public final class PlaylistOrderAccess {
    private PlaylistOrderAccess() {}

    public static List<Integer> order(List<Integer> members, double[][] x, List<TrackRecord> rows, double[] start) {
        return PlaylistOrder.order(members, x, rows, start);
    }
}
