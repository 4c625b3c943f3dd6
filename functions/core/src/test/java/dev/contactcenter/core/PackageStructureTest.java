package dev.contactcenter.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core's packages read bottom-up, nothing in a lower layer importing a higher one:
 * <ol>
 * <li>{@code hours} (hours of operation: java.time only);</li>
 * <li>{@code domain}, {@code ewt} (and the root's JSON helpers);</li>
 * <li>{@code http}, {@code crypto}, {@code aws} (Lambda environment, SnapStart hooks);</li>
 * <li>{@code store}: table plumbing only (Backend, Attr, TableDesign, queries, transactions);</li>
 * <li>the feature packages, each owning its items (store, mapper, service);</li>
 * <li>{@code snapstart} and the handlers.</li>
 * </ol>
 * and no two packages depend on each other, directly or around a cycle.
 */
class PackageStructureTest {
    private static final String CORE = "dev.contactcenter.core";
    private static final String[] FEATURES = {
        CORE + ".auth..",
        CORE + ".calls..",
        CORE + ".dap..",
        CORE + ".idempotency..",
        CORE + ".menu..",
        CORE + ".mobileapps..",
        CORE + ".queue..",
        CORE + ".routing..",
        CORE + ".settings..",
        CORE + ".tenant..",
        CORE + ".waittimes..",
        CORE + ".webhooks.."
    };

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CORE);
    }

    @Test
    void corePackages_formNoCycle() {
        slices().matching(CORE + ".(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void store_importsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage(CORE + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage(CORE + ".snapstart..")
                .check(core);
    }

    @Test
    void httpCryptoAndAws_importNeitherStoreNorFeatures() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE + ".http..", CORE + ".crypto..", CORE + ".aws..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(CORE + ".store..", CORE + ".snapstart..")
                .check(core);
    }

    @Test
    void domainAndEwt_importOnlyEachOther() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE + ".domain..", CORE + ".ewt..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        CORE + ".http..", CORE + ".crypto..", CORE + ".aws..", CORE + ".store..", CORE + ".snapstart..")
                .check(core);
    }

    @Test
    void hours_importNothingElseOfTheCore() {
        classes()
                .that()
                .resideInAPackage(CORE + ".hours..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(CORE + ".hours..", "java..", "com.fasterxml.jackson.databind..")
                .check(core);
    }

    @Test
    void features_importNoSnapStartPriming() {
        noClasses()
                .that()
                .resideInAnyPackage(FEATURES)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(CORE + ".snapstart..")
                .check(core);
    }
}
