package org.trackflow.pipeline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module map, enforced: everything but the Flink adapter and the command line is engine-free (no Flink,
 * no adapter, no CLI); the adapter never reaches into the CLI; the scan source holds no after-scan code;
 * the layers of the library's playlists stay layers; and no two packages import each other, directly or
 * around a circle.
 */
class ArchitectureTest {
    static final String[] ENGINE_FREE = {"org.trackflow.pipeline.catalog..", "org.trackflow.pipeline.model..",
            "org.trackflow.pipeline.similarity..", "org.trackflow.pipeline.playlists..", "org.trackflow.pipeline.clustering..",
            "org.trackflow.pipeline.neighbours..", "org.trackflow.pipeline.duplicates..", "org.trackflow.pipeline.report..",
            "org.trackflow.pipeline.stage..", "org.trackflow.pipeline.serve..", "org.trackflow.pipeline.radio..",
            "org.trackflow.pipeline.tags.."};
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.trackflow.pipeline");
    }

    @Test
    void engineFreePackagesImportNoFlink() {
        noClasses().that().resideInAnyPackage(ENGINE_FREE)
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.flink..", "org.trackflow.pipeline.flink..",
                        "org.trackflow.pipeline.cli..")
                .because("the catalog, the similarity, the playlists and the after-scan stage are the engine-free core; Flink only adapts them")
                .check(classes);
    }

    @Test
    void theFlinkAdapterDoesNotDependOnTheCli() {
        noClasses().that().resideInAPackage("org.trackflow.pipeline.flink..")
                .should().dependOnClassesThat().resideInAPackage("org.trackflow.pipeline.cli..")
                .check(classes);
    }

    @Test
    void theScanSourceHoldsNoAfterScanCode() {
        noClasses().that().resideInAPackage("org.trackflow.pipeline.flink.source..")
                .should().dependOnClassesThat().resideInAnyPackage("org.trackflow.pipeline.playlists..", "org.trackflow.pipeline.clustering..",
                        "org.trackflow.pipeline.neighbours..", "org.trackflow.pipeline.report..", "org.trackflow.pipeline.duplicates..")
                .because("the source only scans; what follows a commit is the after-scan stage's")
                .check(classes);
    }

    @Test
    void theSimilarityIsTheBottomLayer() {
        noClasses().that().resideInAPackage("org.trackflow.pipeline.similarity..")
                .should().dependOnClassesThat().resideInAnyPackage("org.trackflow.pipeline.playlists..", "org.trackflow.pipeline.clustering..",
                        "org.trackflow.pipeline.neighbours..", "org.trackflow.pipeline.report..", "org.trackflow.pipeline.stage..")
                .check(classes);
    }

    @Test
    void queriesDoNotDependOnHowPlaylistsAreCut() {
        noClasses().that().resideInAPackage("org.trackflow.pipeline.neighbours..")
                .should().dependOnClassesThat().resideInAnyPackage("org.trackflow.pipeline.clustering..", "org.trackflow.pipeline.stage..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.trackflow.pipeline.(**)").should().beFreeOfCycles().check(classes);
    }
}
