package org.trackflow.pipeline.playlists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.trackflow.schemas.TrackRecord;

/** Rows with a given timbre model, for tests. */
final class TimbreRows {
    private TimbreRows() {}

    static TrackRecord row(String id, double[] mean, double[] cov) {
        List<Float> m = new ArrayList<>();
        for (double v : mean) {
            m.add((float) v);
        }
        List<Float> c = new ArrayList<>();
        for (double v : cov) {
            c.add((float) v);
        }
        return TrackRecord.newBuilder().setTrackId(id).setPath(id + ".mp3").setSizeBytes(1).setMtimeMs(1).setStatus("ok")
                .setAnalyzedAt(Instant.EPOCH).setAnalysisMode("full").setTimbreMean(m).setTimbreCov(c).build();
    }
}
