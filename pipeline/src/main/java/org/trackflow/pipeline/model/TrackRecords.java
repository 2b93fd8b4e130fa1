package org.trackflow.pipeline.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.trackflow.pipeline.catalog.Change;
import org.trackflow.pipeline.catalog.RowKinds;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.analysis.FeatureSet;
import org.trackflow.udfs.analysis.FrameFeature;
import org.trackflow.udfs.analysis.FrameFeatures;
import org.trackflow.udfs.analysis.TrackFeatures;
import org.trackflow.udfs.analysis.TrackFrameFeatures;
import org.trackflow.udfs.tonal.KeyEstimator;

/** Builds output rows from a track's metadata and merged features. Undefined values (NaN) become null. */
public final class TrackRecords {
    private TrackRecords() {}

    public static TrackRecord ok(String trackId, TrackMeta m, TrackFeatures features, String mode, long now) {
        TrackFrameFeatures f = features.frames();
        TrackRecord.Builder b = base(trackId, m, mode, now).setStatus(RowKinds.OK);
        b.setFrames((int) f.frames())
                .setBpm(number(features.tempo().bpm()))
                .setBpmConfidence(Double.isNaN(features.tempo().bpm()) ? null : features.tempo().confidence())
                .setOnsetRate(number(features.onsetRate()))
                .setDanceability(number(features.danceability()))
                .setLoudnessLufs(number(m.loudnessLufs))
                .setLoudnessRangeLu(number(m.loudnessRangeLu))
                .setPeakDbfs(number(m.peakDbfs))
                .setDynamicComplexity(number(m.dynamicComplexityLu))
                .setFingerprint(m.fingerprint);
        KeyEstimator.Key key = features.key();
        if (key != null) {
            b.setKey(key.name()).setScale(key.scale()).setKeyStrength(key.strength()).setCamelot(key.camelot())
                    .setOpenKey(key.openKey());
        }
        if (features.pitchProfile() != null) {
            b.setHpcpMean(floats(features.pitchProfile().pcp())).setTuningHz(features.pitchProfile().tuningHz());
        }
        if (features.fluctuationPattern() != null) {
            List<Float> pattern = new java.util.ArrayList<>(features.fluctuationPattern().length);
            for (float v : features.fluctuationPattern()) {
                pattern.add(v);
            }
            b.setFluctuationPattern(pattern);
        }
        TrackRecord row = b.build();
        // Frame-feature columns follow the registry: a feature added there needs no code here.
        for (FrameFeature.Column c : FrameFeatures.columns()) {
            double[] v = f.summary(c.feature(), c.summary());
            row.put(c.name(), c.feature().width() == 1 ? number(v[0]) : floats(v));
        }
        return row;
    }

    public static TrackRecord error(String trackId, TrackMeta m, String error, String mode, long now) {
        return base(trackId, m, mode, now).setStatus(RowKinds.ERROR).setError(error).build();
    }

    /**
     * The row of a change that needs no analysis: a deletion ({@code status = deleted}), or a move (the
     * new identity; the current view keeps the track's features under it).
     */
    public static TrackRecord unanalysed(ScannedFile f, String mode, long now) {
        TrackMeta m = TrackMeta.of(f);
        return base(f.trackId, m, mode, now)
                .setStatus(f.changeKind() == Change.Kind.DELETED ? RowKinds.DELETED : RowKinds.OK)
                .setChange(f.changeKind().column())
                .build();
    }

    private static TrackRecord.Builder base(String trackId, TrackMeta m, String mode, long now) {
        TrackRecord.Builder b = TrackRecord.newBuilder()
                .setTrackId(trackId)
                .setPath(m.relativePath)
                .setSizeBytes(m.sizeBytes)
                .setMtimeMs(m.mtimeMs)
                .setAnalyzedAt(Instant.ofEpochMilli(now))
                .setAnalysisMode(mode)
                .setScanId(m.scanId)
                .setChange(m.change == null ? RowKinds.NEW : m.change)
                .setContentKey(m.contentKey)
                .setFeaturesVersion(FeatureSet.VERSION)
                .setWarning(m.warning)
                .setTitle(m.title)
                .setArtist(m.artist)
                .setAlbum(m.album)
                .setAlbumArtist(m.albumArtist)
                .setGenre(m.genre)
                .setYear(m.year)
                .setTrackNo(m.trackNumber);
        if (m.codec != null) {
            b.setCodec(m.codec)
                    .setSampleRate(m.sampleRate)
                    .setChannels(m.channels)
                    .setBitrate(m.bitrate > 0 ? m.bitrate : null)
                    .setDurationS(m.durationSeconds);
        }
        return b;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Float> floats(double[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add((float) d);
        }
        return out;
    }
}
