package org.trackflow.udfs.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * What a model needs and gives, so that trackflow can run it without code of its own: a card, a
 * {@code .properties} file. Shipped cards ({@link #SHIPPED}) live beside this class; a user's card is a file
 * of the same keys.
 * <pre>
 *   name          the model's name: its column key in the rows
 *   sha256        the ONNX file's SHA-256 (a model file given without a card finds its card by it)
 *   input         raw (mono samples at rate), or a front end: musicnn (96-band log mel, 16 kHz) or vggish (64-band)
 *   rate          sample rate of the input (Hz)
 *   window, hop   raw input: samples per window and between windows; front ends: mel frames per patch and between
 *   pad           raw input: zeros before the audio (the model's own windowing)
 *   trim-frames   output frames dropped at each side of a window (where windows overlap), 0: none
 *   input-tensor  the input's name in the ONNX graph
 *   outputs       the output tensors' names, comma-separated
 *   output-names  what trackflow calls them (same order)
 *   embedding     for pooling mean / mean-std / max: the output pooled into the track's vector
 *   pooling       mean, mean-std, max, or basic-pitch (a learned pitch profile: {@link PitchProfile})
 *   batch         windows per run, default 1
 *   weight        what the model's component weighs in the similarity (the classic components sum to 1), default 0.25
 * </pre>
 */
public record ModelCard(String name, String sha256, String input, int rate, int window, int hop, int pad, int trimFrames,
                        String inputTensor, List<String> outputs, List<String> outputNames, String embedding, String pooling,
                        int batch, double weight) implements Serializable {
    /** The cards trackflow ships, by name. */
    public static final List<String> SHIPPED = List.of("basic-pitch", "musicnn", "vggish", "effnet-discogs");

    /** A card from its properties; a missing or malformed key is an {@link IllegalArgumentException} that names it. */
    public static ModelCard of(Properties p, String source) {
        try {
            List<String> outputs = list(p, "outputs", source);
            List<String> names = p.containsKey("output-names") ? list(p, "output-names", source) : outputs;
            if (names.size() != outputs.size()) {
                throw new IllegalArgumentException(source + ": output-names must name each of the outputs");
            }
            ModelCard c = new ModelCard(required(p, "name", source), p.getProperty("sha256", "").strip().toLowerCase(java.util.Locale.ROOT),
                    required(p, "input", source), Integer.parseInt(required(p, "rate", source)), Integer.parseInt(required(p, "window", source)),
                    Integer.parseInt(required(p, "hop", source)), Integer.parseInt(p.getProperty("pad", "0").strip()),
                    Integer.parseInt(p.getProperty("trim-frames", "0").strip()), required(p, "input-tensor", source), outputs, names,
                    p.getProperty("embedding", names.get(0)).strip(), required(p, "pooling", source),
                    Integer.parseInt(p.getProperty("batch", "1").strip()), Double.parseDouble(p.getProperty("weight", "0.25").strip()));
            if (!(c.weight >= 0 && c.weight <= 10)) {
                throw new IllegalArgumentException(source + ": weight must be 0 to 10");
            }
            if (!List.of("raw", "musicnn", "vggish").contains(c.input)) {
                throw new IllegalArgumentException(source + ": input must be raw, musicnn or vggish, not " + c.input);
            }
            if (!c.input.equals("raw") && c.rate != MelFrontEnd.RATE) {
                throw new IllegalArgumentException(source + ": the " + c.input + " front end reads 16 kHz audio: rate must be 16000");
            }
            if (!List.of("mean", "mean-std", "max", "basic-pitch").contains(c.pooling)) {
                throw new IllegalArgumentException(source + ": pooling must be mean, mean-std, max or basic-pitch, not " + c.pooling);
            }
            if (!c.outputNames.contains(c.embedding)) {
                throw new IllegalArgumentException(source + ": embedding " + c.embedding + " is not one of the outputs " + c.outputNames);
            }
            if (c.rate < 8000 || c.window < 1 || c.hop < 1 || c.hop > c.window + c.pad || c.batch < 1 || c.trimFrames < 0) {
                throw new IllegalArgumentException(source + ": rate, window, hop, batch or trim-frames out of range");
            }
            return c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": a number is malformed (" + e.getMessage() + ")");
        }
    }

    /** A shipped card by name. */
    public static ModelCard shipped(String name) {
        try (InputStream in = ModelCard.class.getResourceAsStream("cards/" + name + ".properties")) {
            if (in == null) {
                throw new IllegalArgumentException("no shipped card '" + name + "' (shipped: " + String.join(", ", SHIPPED) + ")");
            }
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return of(p, "card " + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user's card file. */
    public static ModelCard file(Path card) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(card, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return of(p, card.toString());
    }

    /** The shipped card whose recorded SHA-256 is {@code sha256}, or null. */
    public static ModelCard bySha256(String sha256) {
        for (String name : SHIPPED) {
            ModelCard c = shipped(name);
            if (c.sha256.equalsIgnoreCase(sha256)) {
                return c;
            }
        }
        return null;
    }

    /** The SHA-256 of a file, hex. */
    public static String sha256(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String required(Properties p, String key, String source) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(source + ": " + key + " is required");
        }
        return v.strip();
    }

    private static List<String> list(Properties p, String key, String source) {
        List<String> out = new ArrayList<>();
        for (String s : required(p, key, source).split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
