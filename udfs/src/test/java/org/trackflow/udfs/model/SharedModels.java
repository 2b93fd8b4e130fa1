package org.trackflow.udfs.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The model files beside the checkout ({@code ../shared/models}), for tests; a test skips with a clear message when one is absent. */
public final class SharedModels {
    private SharedModels() {}

    /** {@code shared/models/REL} in the first folder above the working directory that has it; skips the test otherwise. */
    public static Path require(String rel) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve("shared/models").resolve(rel);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        assumeTrue(false, "../shared/models/" + rel + " is not here (tests that need a model file skip without it)");
        return null;
    }
}
