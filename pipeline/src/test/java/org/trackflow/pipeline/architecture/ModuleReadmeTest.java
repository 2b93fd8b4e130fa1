package org.trackflow.pipeline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.trackflow.testkit.ModuleReadme;

/** The module's README is its map: every package of the module has a row in its table, and no row names a package that is gone. */
class ModuleReadmeTest {
    @Test
    void everyPackageHasARowInTheReadme() throws Exception {
        assertThat(ModuleReadme.rows(Path.of("README.md"))).as("the rows of README.md")
                .containsExactlyElementsOf(ModuleReadme.packages(Path.of("src/main/java/org/trackflow/pipeline")));
    }
}
