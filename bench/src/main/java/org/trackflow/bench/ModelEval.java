package org.trackflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.trackflow.pipeline.clustering.PlaylistClustering;
import org.trackflow.pipeline.playlists.Playlist;
import org.trackflow.pipeline.playlists.PlaylistOptions;
import org.trackflow.pipeline.similarity.Components;
import org.trackflow.pipeline.similarity.Similarity;
import org.trackflow.pipeline.similarity.Weights;
import org.trackflow.schemas.TrackRecord;

/**
 * A learned model's vector on the real-music similarity evaluation (bench/run-models.sh): the library of
 * bench/run-similarity.sh analysed with the model; the same-source share of each track's 5 nearest for
 * trackflow's measure with the model's component at several weights (0: the measure without it) and for the
 * component alone, and the playlists' purity with and without it. Prints a Markdown section.
 * <pre>
 *   ModelEval OUT MODEL
 * </pre>
 */
public final class ModelEval {
    private ModelEval() {}

    public static void main(String[] args) throws Exception {
        List<TrackRecord> rows = EvalData.rows(Path.of(args[0]));
        String model = args[1];
        String component = Components.MODEL + model;
        long with = rows.stream().filter(r -> r.getModelVectors() != null && r.getModelVectors().containsKey(model)).count();
        int n = rows.size();
        String[] src = rows.stream().map(SimilarityEval::source).toArray(String[]::new);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%d tracks (%d with a %s vector), 5 nearest.%n%n", n, with, model));
        md.append("| measure | same-source share of the 5 nearest |\n|---|---|\n");
        md.append(String.format(Locale.ROOT, "| random (expected) | %.3f |%n", EvalData.randomShare(src)));
        for (double w : new double[] {0, 0.1, 0.25, 0.5, 1.0}) {
            Similarity s = Similarity.fit(rows, Weights.DEFAULT.with(component, w));
            md.append(String.format(Locale.ROOT, "| trackflow `similar`%s | %.3f |%n",
                    w == 0 ? " without the model" : String.format(Locale.ROOT, ", the model weighing %.2f%s", w, w == Weights.MODEL ? " (the card's default)" : ""),
                    EvalData.share(5, n, src, s::distance, null, null)));
        }
        Similarity alone = Similarity.fit(rows, zeroExcept(component));
        md.append(String.format(Locale.ROOT, "| the model's component alone (cosine, mutual proximity) | %.3f |%n",
                EvalData.share(5, n, src, alone::distance, null, null)));
        md.append(String.format(Locale.ROOT, "%nPlaylists (defaults): purity %.3f without the model, %.3f with it (weight %.2f).%n",
                purity(rows, 0, component), purity(rows, Weights.MODEL, component), Weights.MODEL));
        System.out.print(md);
        if (args.length > 2) {
            Files.writeString(Path.of(args[2]), md.toString());
        }
    }

    private static Weights zeroExcept(String component) {
        Weights w = Weights.DEFAULT;
        for (String c : List.of(Components.TIMBRE, Components.SUMMARIES, Components.RHYTHM, Components.TONAL, Components.ENERGY,
                Components.FLUCTUATION)) {
            w = w.with(c, 0);
        }
        return w.with(component, 1);
    }

    /** Playlist purity with the model's vectors weighing {@code weight} (0: the rows without them). */
    private static double purity(List<TrackRecord> rows, double weight, String component) {
        List<TrackRecord> use = new ArrayList<>();
        for (TrackRecord r : rows) {
            TrackRecord c = TrackRecord.newBuilder(r).build();
            if (weight == 0) {
                c.setModelVectors(null);
                c.setModels(null);
            }
            use.add(c);
        }
        List<Playlist> lists = PlaylistClustering.build(use, List.of(), PlaylistOptions.defaults());
        return EvalData.purity(EvalData.sources(lists));
    }
}
