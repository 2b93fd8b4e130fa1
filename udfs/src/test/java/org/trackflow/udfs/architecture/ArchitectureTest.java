package org.trackflow.udfs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The audio core: no engine, no test fixtures, and packages that do not import each other in a circle. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.trackflow.udfs");

    @Test
    void noFlinkAndNoTestKit() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "org.trackflow.testkit..",
                "org.trackflow.pipeline..").check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.trackflow.udfs.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
