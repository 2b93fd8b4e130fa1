package org.trackflow.udfs.model;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A model a run is asked for ({@code --model FILE[=CARD]}): its ONNX file (the same path on every TaskManager),
 * the file's SHA-256 (recorded in each row, so that another file under the same name is a new model), and its
 * card: a shipped card by name, a card file, or (no card given) the shipped card whose SHA-256 is the file's.
 */
public record ModelSpec(String file, String sha256, ModelCard card) implements Serializable {

    /** {@code FILE[=CARD]} resolved; a missing file or card, or a file no shipped card knows, is an {@link IllegalArgumentException}. */
    public static ModelSpec parse(String arg) throws IOException {
        // a file whose name holds '=' is the file itself; else the card follows the last '='
        int eq = Files.isRegularFile(Path.of(home(arg))) ? -1 : arg.lastIndexOf('=');
        String file = home(eq < 0 ? arg : arg.substring(0, eq));
        String cardArg = eq < 0 ? null : home(arg.substring(eq + 1));
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("model file not found: " + path);
        }
        String sha = ModelCard.sha256(path);
        ModelCard card;
        if (cardArg == null) {
            card = ModelCard.bySha256(sha);
            if (card == null) {
                throw new IllegalArgumentException("no shipped card knows " + path.getFileName() + " (SHA-256 " + sha + "): give one, --model "
                        + file + "=CARD (a shipped card: " + String.join(", ", ModelCard.SHIPPED) + "; or a card file)");
            }
        } else if (ModelCard.SHIPPED.contains(cardArg)) {
            card = ModelCard.shipped(cardArg);
        } else if (Files.isRegularFile(Path.of(cardArg))) {
            card = ModelCard.file(Path.of(cardArg));
        } else {
            throw new IllegalArgumentException("card '" + cardArg + "' is neither a shipped card (" + String.join(", ", ModelCard.SHIPPED)
                    + ") nor a card file");
        }
        return new ModelSpec(path.toString(), sha, card);
    }

    /** {@code ~/x} as the shell would have expanded it at the start of a word (it does not after {@code =}). */
    private static String home(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    /** {@code name=sha256}: what a row made with this model records. */
    public String key() {
        return card.name() + "=" + sha256;
    }

    /** The keys of several models, sorted and joined by {@code ;} (empty for none). */
    public static String keys(List<ModelSpec> models) {
        return models.stream().map(ModelSpec::key).sorted().collect(Collectors.joining(";"));
    }
}
