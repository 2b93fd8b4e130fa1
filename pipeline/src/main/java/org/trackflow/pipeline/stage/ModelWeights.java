package org.trackflow.pipeline.stage;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.catalog.ParquetFiles;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.model.ModelSpec;
import org.trackflow.udfs.model.ModelState;

/**
 * The weights the run's model cards give, brought into the current view: each row records the weight its
 * model ran with ({@code models}: {@code sha256 weight=W ...}), and the similarity weighs by the rows. A card
 * whose weight was edited since would otherwise weigh as before until every track ran the model again: the
 * stage rewrites the weight in the rows instead (the vectors stay; nothing is decoded), and the playlists and
 * the index, made from the view, follow.
 */
final class ModelWeights {
    /** The after-scan record's property: the weights the view was brought to. */
    static final String RECORD = "model-weights";
    private static final org.apache.avro.Schema COLUMNS = ParquetFiles.only(TrackRecord.getClassSchema(), java.util.Set.of("track_id", "models"));

    private ModelWeights() {}

    /** The run's weights as one line, {@code name=weight;...} by name (empty without models). */
    static String key(List<ModelSpec> models) {
        Map<String, Double> byName = new TreeMap<>();
        // as the analysis writes it into a row (Double.toString), so that a row made with this card matches
        models.forEach(m -> byName.put(m.card().name(), m.card().weight()));
        return byName.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    private static Map<String, String> parse(String key) {
        Map<String, String> out = new TreeMap<>();
        if (key != null && !key.isEmpty()) {
            for (String item : key.split(";")) {
                int eq = item.lastIndexOf('=');
                out.put(item.substring(0, eq), item.substring(eq + 1));
            }
        }
        return out;
    }

    /** Whether the stage's {@code record} already brought the view to {@code key} (no models asked: nothing to bring). */
    static boolean current(String key, Properties record) {
        return key == null || key.isEmpty() || key.equals(record.getProperty(RECORD));
    }

    /** Whether some row of the view records another weight than {@code key}'s for one of its models (reads one column). */
    static boolean differs(CurrentView view, String key) throws IOException {
        Map<String, String> weights = parse(key);
        if (weights.isEmpty() || !view.exists()) {
            return false;
        }
        boolean[] differs = {false};
        view.forEach(COLUMNS, r -> differs[0] = differs[0] || differs(r.getModels(), weights));
        return differs[0];
    }

    /** Rewrites the view's rows with {@code key}'s weights (rows that already have them are written as they are). */
    static void rewrite(CurrentView view, String key) throws IOException {
        Map<String, String> weights = parse(key);
        view.rewrite(r -> {
            Map<String, String> states = reweighed(r.getModels(), weights);
            if (states != null) {
                r.setModels(states);
            }
            return r;
        });
    }

    private static boolean differs(Map<String, String> states, Map<String, String> weights) {
        if (states != null) {
            for (Map.Entry<String, String> s : states.entrySet()) {
                String weight = weights.get(s.getKey());
                if (weight != null && !ModelState.hasWeight(s.getValue(), weight)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A row's model states with {@code weights} in place of the recorded ones, or null when none differs. */
    static Map<String, String> reweighed(Map<String, String> states, Map<String, String> weights) {
        if (states == null) {
            return null;
        }
        Map<String, String> out = null;
        for (Map.Entry<String, String> s : states.entrySet()) {
            String weight = weights.get(s.getKey());
            if (weight == null) {
                continue; // a model this run does not ask for keeps what its card said
            }
            String state = ModelState.withWeight(s.getValue(), weight);
            if (!state.equals(s.getValue())) {
                if (out == null) {
                    out = new TreeMap<>(states);
                }
                out.put(s.getKey(), state);
            }
        }
        return out;
    }
}
