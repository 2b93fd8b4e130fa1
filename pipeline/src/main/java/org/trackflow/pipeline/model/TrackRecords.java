package org.trackflow.pipeline.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.trackflow.pipeline.catalog.AnalysisSettings;
import org.trackflow.pipeline.catalog.Change;
import org.trackflow.pipeline.catalog.RowKinds;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.analysis.FeatureSet;
import org.trackflow.udfs.analysis.FrameFeature;
import org.trackflow.udfs.analysis.FrameFeatures;
import org.trackflow.udfs.analysis.TrackFeatures;
import org.trackflow.udfs.analysis.TrackFrameFeatures;
import org.trackflow.udfs.analysis.TrackFeature;
import org.trackflow.udfs.analysis.WholeTrackFeatures;

/** Builds output rows from a track's metadata and merged features. Undefined values (NaN) become null. */
public final class TrackRecords {
    private TrackRecords() {}

    public static TrackRecord ok(String trackId, TrackMeta m, TrackFeatures features, String settings, long now) {
        TrackFrameFeatures f = features.frames();
        TrackRecord row = base(trackId, m, settings, now).setStatus(RowKinds.OK).setFrames((int) f.frames()).build();
        // Columns follow the registries: a feature added to one needs no code here.
        for (FrameFeature.Column c : FrameFeatures.columns()) {
            double[] v = f.summary(c.feature(), c.summary());
            row.put(c.name(), c.feature().width() == 1 ? number(v[0]) : floats(v));
        }
        for (TrackFeature<?> feature : WholeTrackFeatures.ALL) {
            put(row, feature, features);
        }
        return row;
    }

    private static <R> void put(TrackRecord row, TrackFeature<R> feature, TrackFeatures features) {
        for (TrackFeature.Column<R> c : feature.columns()) {
            Object v = features.value(feature, c);
            row.put(c.name(), switch (c.kind()) {
                case DOUBLE -> v == null ? null : number((Double) v);
                case STRING -> v;
                case FLOATS -> v == null ? null : v instanceof float[] a ? floats(a) : floats((double[]) v);
            });
        }
    }

    public static TrackRecord error(String trackId, TrackMeta m, String error, String settings, long now) {
        return base(trackId, m, settings, now).setStatus(RowKinds.ERROR).setError(error).build();
    }

    /**
     * The row of a change that needs no analysis: a deletion ({@code status = deleted}), or a move (the
     * new identity; the current view keeps the track's features under it).
     */
    /** A row of the learned models alone (the fold keeps the track's features and adds these columns). */
    public static TrackRecord modelsOnly(String trackId, TrackMeta m, String settings, long now) {
        return base(trackId, m, settings, now).setStatus(RowKinds.OK).setChange(RowKinds.MODELS).build();
    }

    /** A retagged file's row: its new file facts and tags, no features (the fold keeps its track's). */
    public static TrackRecord retagged(String trackId, TrackMeta m, String settings, long now) {
        return base(trackId, m, settings, now).setStatus(RowKinds.OK).setChange(RowKinds.RETAGGED).build();
    }

    public static TrackRecord unanalysed(ScannedFile f, String settings, long now) {
        TrackMeta m = TrackMeta.of(f);
        return base(f.trackId, m, settings, now)
                .setStatus(f.changeKind() == Change.Kind.DELETED ? RowKinds.DELETED : RowKinds.OK)
                .setChange(f.changeKind().column())
                .build();
    }

    private static TrackRecord.Builder base(String trackId, TrackMeta m, String settings, long now) {
        TrackRecord.Builder b = TrackRecord.newBuilder()
                .setTrackId(trackId)
                .setPath(m.relativePath)
                .setSizeBytes(m.sizeBytes)
                .setMtimeMs(m.mtimeMs)
                .setAnalyzedAt(Instant.ofEpochMilli(now))
                .setAnalysisMode(AnalysisSettings.mode(settings))
                .setAnalysisSettings(settings)
                .setAudioHash(m.audioHash)
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
        if (m.modelNames != null && m.modelNames.length > 0) {
            java.util.Map<String, List<Float>> vectors = new java.util.TreeMap<>();
            java.util.Map<String, String> models = new java.util.TreeMap<>();
            for (int k = 0; k < m.modelNames.length; k++) {
                models.put(m.modelNames[k], m.modelStates[k]);
                if (m.modelVectors[k] != null) {
                    vectors.put(m.modelNames[k], floats(m.modelVectors[k]));
                }
            }
            b.setModels(models).setModelVectors(vectors.isEmpty() ? null : vectors);
        }
        return b;
    }

    private static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Float> floats(float[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (float x : v) {
            out.add(x);
        }
        return out;
    }

    private static List<Float> floats(double[] v) {
        List<Float> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add((float) d);
        }
        return out;
    }
}
