package org.trackflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.model.PitchProfile;
import org.trackflow.udfs.tonal.KeyEstimator;
import org.trackflow.udfs.tonal.KeyNames;
import org.trackflow.udfs.tonal.KeyProfile;

/**
 * A key estimate from Basic Pitch's learned pitch profile beside trackflow's HPCP key, on the accuracy corpus
 * (bench/run-accuracy.sh's recordings and its reference tools' results): the profile's 12 pitch classes
 * through the same key profiles, scored with MIREX's key measure (1 the same key, 0.5 a fifth away, 0.3
 * relative, 0.2 parallel) against Essentia's key on the real recordings, and exactly against the rendered
 * MIDI songs' known keys. Prints a Markdown section.
 * <pre>
 *   ModelKeyEval OUT REF_DIR MIDI_TRUTH.tsv [RESULTS.md]
 * </pre>
 */
public final class ModelKeyEval {
    private ModelKeyEval() {}

    public static void main(String[] args) throws Exception {
        List<TrackRecord> rows = EvalData.rows(Path.of(args[0]));
        ObjectMapper json = new ObjectMapper();
        Map<String, String> essentia = new HashMap<>();
        try (var files = Files.list(Path.of(args[1]))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode r = json.readTree(f.toFile());
                if (r.path("essentia").has("key")) {
                    essentia.put(r.get("name").asText(), r.get("essentia").get("key").asText() + " " + r.get("essentia").get("scale").asText());
                }
            }
        }
        Map<String, String> truth = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            String[] f = line.split("\t");
            truth.put(f[0].replace(".mid", ".flac"), f[2] + " " + f[3]);
        }
        String[] methods = {"trackflow's HPCP key (bgate)", "Basic Pitch profile, bgate", "Basic Pitch profile, Krumhansl", "Basic Pitch profile, Temperley"};
        double[] mirex = new double[methods.length];
        int[] scored = new int[methods.length];
        int[] midiOk = new int[methods.length];
        int midi = 0;
        for (TrackRecord r : rows) {
            String name = r.getPath().substring(r.getPath().lastIndexOf('/') + 1);
            String[] est = new String[methods.length];
            est[0] = r.getKey() == null ? null : r.getKey() + " " + r.getScale();
            List<Float> v = r.getModelVectors() == null ? null : r.getModelVectors().get("basic-pitch");
            if (v != null) {
                float[] p = new float[v.size()];
                for (int k = 0; k < p.length; k++) {
                    p[k] = v.get(k);
                }
                double[] pcp = PitchProfile.keyProfile(p);
                KeyProfile[] profiles = {KeyProfile.BGATE, KeyProfile.KRUMHANSL, KeyProfile.TEMPERLEY};
                for (int m = 0; m < profiles.length; m++) {
                    KeyEstimator.Key key = KeyEstimator.estimate(pcp, profiles[m]);
                    est[m + 1] = key == null ? null : key.name() + " " + key.scale();
                }
            }
            String ref = truth.containsKey(name) ? truth.get(name) : essentia.get(name);
            if (truth.containsKey(name)) {
                midi++;
            }
            for (int m = 0; m < methods.length; m++) {
                if (est[m] == null || ref == null) {
                    continue;
                }
                double s = mirex(est[m], ref);
                if (truth.containsKey(name)) {
                    midiOk[m] += s == 1 ? 1 : 0;
                } else {
                    mirex[m] += s;
                    scored[m]++;
                }
            }
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "| key estimate | MIREX score against Essentia (real recordings) | exact on the %d MIDI songs of known key |%n|---|---|---|%n", midi));
        for (int m = 0; m < methods.length; m++) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f (%d tracks) | %d |%n", methods[m], scored[m] > 0 ? mirex[m] / scored[m] : Double.NaN,
                    scored[m], midiOk[m]));
        }
        System.out.print(md);
        if (args.length > 3) {
            Files.writeString(Path.of(args[3]), md.toString());
        }
    }

    /** MIREX's key score of {@code est} against {@code ref} ("A minor"). */
    static double mirex(String est, String ref) {
        String[] e = est.split(" ");
        String[] r = ref.split(" ");
        int pe = KeyNames.pitchClass(e[0]);
        int pr = KeyNames.pitchClass(r[0]);
        boolean me = e[1].equals("minor");
        boolean mr = r[1].equals("minor");
        if (pe == pr && me == mr) {
            return 1;
        }
        if (me == mr && (pe == (pr + 7) % 12 || pr == (pe + 7) % 12)) {
            return 0.5;
        }
        if (me != mr && (me ? pe == (pr + 9) % 12 : pr == (pe + 9) % 12)) {
            return 0.3;
        }
        return pe == pr ? 0.2 : 0;
    }
}
