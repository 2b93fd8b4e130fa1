package org.trackflow.pipeline.playlists;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.tonal.KeyNames;

/**
 * Feature rows of a made-up library, for tests and the scale benchmark (bench/, through this module's
 * test jar): no audio, but every column the playlist
 * stage and the neighbour index read, with the structure a real library has. Tracks come from
 * {@value #STYLES} styles (a style is a point in feature space: tempo, key centre, loudness, MFCC and
 * spectral means, a timbre model), spread around their style; artists (a style each) have albums of
 * 8-14 tracks. Row {@code i} is the same for every library size, so a smaller library is a prefix of a
 * larger one.
 */
public final class SyntheticLibrary implements Iterable<TrackRecord> {
    static final int STYLES = 400;
    private static final int TIMBRE_DIMS = 20;
    private final int size;
    private final Style[] styles = new Style[STYLES];

    private record Style(double bpm, int tonic, boolean minor, double lufs, double[] mfcc, double[] chroma, double[] contrast,
                         double centroid, double flatness, double danceability, double[] timbreMean, double[] timbreVar) {}

    public SyntheticLibrary(int size) {
        this.size = size;
        SplittableRandom r = new SplittableRandom(7);
        for (int s = 0; s < STYLES; s++) {
            double[] mfcc = new double[13];
            mfcc[0] = -250 + 60 * r.nextDouble();
            for (int i = 1; i < 13; i++) {
                mfcc[i] = 40 / i * (r.nextDouble() * 2 - 1);
            }
            double[] chroma = new double[12];
            for (int i = 0; i < 12; i++) {
                chroma[i] = 0.2 + 0.6 * r.nextDouble();
            }
            double[] contrast = new double[7];
            for (int i = 0; i < 7; i++) {
                contrast[i] = 10 + 20 * r.nextDouble();
            }
            double[] tm = new double[TIMBRE_DIMS];
            double[] tv = new double[TIMBRE_DIMS];
            for (int i = 0; i < TIMBRE_DIMS; i++) {
                tm[i] = (i == 0 ? -200 : 30.0 / (i + 1)) * (r.nextDouble() * 2 - 1);
                tv[i] = (i == 0 ? 400 : 40.0 / (i + 1)) * (0.5 + r.nextDouble());
            }
            styles[s] = new Style(60 * Math.pow(3, r.nextDouble()), r.nextInt(12), r.nextBoolean(), -24 + 18 * r.nextDouble(),
                    mfcc, chroma, contrast, 800 + 3000 * r.nextDouble(), 0.3 * r.nextDouble(), 0.6 + 1.8 * r.nextDouble(), tm, tv);
        }
    }

    /** Row {@code i}: the same whatever the library's size. */
    public TrackRecord row(int i) {
        SplittableRandom r = new SplittableRandom(0x9E3779B97F4A7C15L * (i + 1));
        int album = i / 12;
        int artist = album / 4;
        Style s = styles[(int) Math.floorMod(artist * 0x2545F4914F6CDD1DL >>> 7, STYLES)];
        List<Float> mfcc = new ArrayList<>(13);
        for (int k = 0; k < 13; k++) {
            mfcc.add((float) (s.mfcc[k] + r.nextGaussian() * (k == 0 ? 20 : 4.0 / (1 + k * 0.3))));
        }
        List<Float> chroma = new ArrayList<>(12);
        for (int k = 0; k < 12; k++) {
            chroma.add((float) Math.max(0, s.chroma[k] + 0.1 * r.nextGaussian()));
        }
        List<Float> contrast = new ArrayList<>(7);
        for (int k = 0; k < 7; k++) {
            contrast.add((float) (s.contrast[k] + 2 * r.nextGaussian()));
        }
        List<Float> tm = new ArrayList<>(TIMBRE_DIMS);
        List<Float> tc = new ArrayList<>(TIMBRE_DIMS * (TIMBRE_DIMS + 1) / 2);
        double[] var = new double[TIMBRE_DIMS];
        for (int k = 0; k < TIMBRE_DIMS; k++) {
            tm.add((float) (s.timbreMean[k] + Math.sqrt(s.timbreVar[k]) * 0.3 * r.nextGaussian()));
            var[k] = s.timbreVar[k] * Math.exp(0.2 * r.nextGaussian());
        }
        // packed upper triangle, row by row: a diagonal covariance with weak neighbour correlations
        for (int a = 0; a < TIMBRE_DIMS; a++) {
            for (int b = a; b < TIMBRE_DIMS; b++) {
                tc.add((float) (a == b ? var[a] : b == a + 1 ? 0.2 * Math.sqrt(var[a] * var[b]) : 0));
            }
        }
        boolean pulse = r.nextDouble() > 0.03;
        double bpm = s.bpm * Math.exp(0.04 * r.nextGaussian());
        int tonic = r.nextDouble() < 0.6 ? s.tonic : r.nextInt(12);
        boolean minor = r.nextDouble() < 0.8 ? s.minor : !s.minor;
        String id = String.format(Locale.ROOT, "%016x", mix(i));
        String artistName = String.format(Locale.ROOT, "Artist %05d", artist);
        String albumName = String.format(Locale.ROOT, "Album %06d", album);
        String title = String.format(Locale.ROOT, "Song %d of album %d", i % 12 + 1, album);
        return TrackRecord.newBuilder().setTrackId(id)
                .setPath(String.format(Locale.ROOT, "%s/%s/%02d %s.flac", artistName, albumName, i % 12 + 1, title))
                .setSizeBytes(30_000_000L + r.nextInt(10_000_000)).setMtimeMs(1_700_000_000_000L + i).setStatus("ok")
                .setAnalyzedAt(Instant.ofEpochMilli(1_700_000_000_000L)).setScanId(1).setChange("new")
                .setContentKey(id).setFeaturesVersion(org.trackflow.udfs.analysis.FeatureSet.VERSION).setAnalysisMode("full")
                .setDurationS(150 + 150 * r.nextDouble()).setSampleRate(44_100).setChannels(2).setCodec("flac")
                .setBitrate(900_000L).setTitle(title).setArtist(artistName).setAlbum(albumName).setTrackNo(Integer.toString(i % 12 + 1))
                .setBpm(pulse ? bpm : null).setBpmConfidence(pulse ? 0.5 + 0.5 * r.nextDouble() : 0.0)
                .setOnsetRate(bpm / 60 * (1 + r.nextDouble())).setKey(KeyNames.spell(tonic, minor)).setScale(minor ? "minor" : "major")
                .setKeyStrength(0.4 + 0.5 * r.nextDouble()).setCamelot(KeyNames.camelot(tonic, minor)).setOpenKey(KeyNames.openKey(tonic, minor))
                .setLoudnessLufs(s.lufs + 1.5 * r.nextGaussian()).setLoudnessRangeLu(4 + 8 * r.nextDouble()).setPeakDbfs(-0.3 * r.nextDouble())
                .setDynamicComplexity(1 + 4 * r.nextDouble()).setDanceability(s.danceability + 0.1 * r.nextGaussian())
                .setRmsMean(Math.pow(10, (s.lufs + 1.5 * r.nextGaussian()) / 20)).setRmsStd(0.02).setZcrMean(0.03 + 0.1 * s.flatness)
                .setSpectralCentroidMean(s.centroid * Math.exp(0.1 * r.nextGaussian())).setSpectralCentroidStd(300.0)
                .setSpectralBandwidthMean(1500 + 0.3 * s.centroid).setSpectralRolloffMean(2 * s.centroid)
                .setSpectralFlatnessMean(Math.max(0, s.flatness + 0.02 * r.nextGaussian())).setMfccMean(mfcc).setChromaMean(chroma)
                .setSpectralContrastMean(contrast).setSpectralFluxMean(0.1).setTuningHz(440.0).setTimbreMean(tm).setTimbreCov(tc)
                .build();
    }

    private static long mix(long z) {
        z = (z + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public Iterator<TrackRecord> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public TrackRecord next() {
                return row(next++);
            }
        };
    }
}
