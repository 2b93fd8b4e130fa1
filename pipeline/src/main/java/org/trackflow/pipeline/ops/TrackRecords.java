package org.trackflow.pipeline.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.trackflow.pipeline.model.TrackMeta;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.analysis.TrackFrameFeatures;

/** Builds output rows from a track's metadata and merged features. */
public final class TrackRecords {
    private TrackRecords() {}

    public static TrackRecord ok(String trackId, TrackMeta m, TrackFrameFeatures f, String mode, long now) {
        TrackRecord.Builder b = base(trackId, m, mode, now).setStatus("ok");
        b.setFrames((int) f.frames())
                .setRmsMean(f.rmsMean())
                .setRmsStd(f.rmsStd())
                .setZcrMean(f.zcrMean())
                .setSpectralCentroidMean(f.centroidMean())
                .setSpectralCentroidStd(f.centroidStd())
                .setSpectralBandwidthMean(f.bandwidthMean())
                .setSpectralRolloffMean(f.rolloffMean())
                .setSpectralFlatnessMean(f.flatnessMean())
                .setMfccMean(floats(f.mfccMean()))
                .setMfccStd(floats(f.mfccStd()))
                .setChromaMean(floats(f.chromaMean()));
        return b.build();
    }

    public static TrackRecord error(String trackId, TrackMeta m, String error, String mode, long now) {
        return base(trackId, m, mode, now).setStatus("error").setError(error).build();
    }

    private static TrackRecord.Builder base(String trackId, TrackMeta m, String mode, long now) {
        TrackRecord.Builder b = TrackRecord.newBuilder()
                .setTrackId(trackId)
                .setPath(m.relativePath)
                .setSizeBytes(m.sizeBytes)
                .setMtimeMs(m.mtimeMs)
                .setAnalyzedAt(Instant.ofEpochMilli(now))
                .setAnalysisMode(mode)
                .setWarning(m.warning);
        if (m.codec != null) {
            b.setCodec(m.codec)
                    .setSampleRate(m.sampleRate)
                    .setChannels(m.channels)
                    .setBitrate(m.bitrate > 0 ? m.bitrate : null)
                    .setDurationS(m.durationSeconds);
        }
        return b;
    }

    private static List<Float> floats(double[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add((float) d);
        }
        return out;
    }
}
