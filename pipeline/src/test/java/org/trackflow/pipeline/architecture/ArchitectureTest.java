package org.trackflow.pipeline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map, enforced: the catalog, the playlists and the row model are engine-free (no Flink, no
 * Flink adapter, no CLI); the Flink adapter never reaches into the CLI; the scan source holds no playlist
 * code; and no two packages import each other, directly or around a circle.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.trackflow.pipeline");
    }

    @Test
    void engineFreePackagesImportNoFlink() {
        noClasses().that().resideInAnyPackage("org.trackflow.pipeline.catalog..", "org.trackflow.pipeline.playlists..",
                        "org.trackflow.pipeline.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "org.trackflow.pipeline.flink..",
                        "org.trackflow.pipeline.cli..")
                .because("the catalog, playlists and rows are the engine-free core; Flink only adapts them")
                .check(classes);
    }

    @Test
    void theFlinkAdapterDoesNotDependOnTheCli() {
        noClasses().that().resideInAPackage("org.trackflow.pipeline.flink..")
                .should().dependOnClassesThat().resideInAPackage("org.trackflow.pipeline.cli..")
                .check(classes);
    }

    @Test
    void theScanSourceHoldsNoPlaylistCode() {
        noClasses().that().resideInAPackage("org.trackflow.pipeline.flink..")
                .should().dependOnClassesThat().resideInAPackage("org.trackflow.pipeline.playlists..")
                .because("playlists and reports run after a scan's rows are committed, never inside the job")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.trackflow.pipeline.(**)").should().beFreeOfCycles().check(classes);
    }
}
