package dev.festival.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md: a feature uses another feature through its service, never through its resource,
 * entities or repositories; common/ depends on no feature; and deny by default — every endpoint
 * declares who may call it. Main classes only.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ArchitectureRules.ROOT);
    }

    private static void assertNone(String rule, List<String> violations) {
        assertTrue(violations.isEmpty(), rule + " — " + violations.size() + " violation(s):\n  "
                + String.join("\n  ", violations));
    }

    @Test
    void featuresAreDerivedFromThePackages() {
        assertTrue(ArchitectureRules.MAIN.features(main).contains("users"), ArchitectureRules.MAIN.features(main).toString());
        assertFalse(ArchitectureRules.MAIN.features(main).contains("common"));
    }

    @Test
    void featuresDoNotReachIntoAnotherFeaturesResourcesEntitiesOrRepositories() {
        assertNone("features must use each other through services and DTOs",
                ArchitectureRules.MAIN.crossFeatureViolations(main));
    }

    @Test
    void commonDependsOnNoFeature() {
        assertNone("dev.festival.common must not depend on feature packages",
                ArchitectureRules.MAIN.commonToFeatureViolations(main));
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        assertFalse(ArchitectureRules.MAIN.endpoints(main).isEmpty(), "endpoints found (GET /api at least)");
        assertNone("deny by default", ArchitectureRules.MAIN.undeclaredEndpoints(main));
    }

    @Test
    void rolesAlwaysComesWithAuthenticated() {
        assertNone("@Roles needs @Authenticated", ArchitectureRules.MAIN.rolesWithoutAuthenticated(main));
    }
}
