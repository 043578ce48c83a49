package dev.festival.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The architecture rules catch what they claim to, on deliberately broken fixture classes. */
class ArchitectureRulesSelfTest {
    private static final ArchitectureRules RULES = new ArchitectureRules("dev.festival.architecture.fixture",
            "dev.festival.architecture.fixture.FixtureEntity");
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages("dev.festival.architecture.fixture");
    }

    @Test
    void featuresExcludeCommon() {
        assertEquals(Set.of("alpha", "beta"), RULES.features(fixtures));
    }

    @Test
    void crossFeatureEntityAndRepositoryUseIsReported() {
        List<String> v = RULES.crossFeatureViolations(fixtures);
        assertTrue(v.stream().anyMatch(s -> s.contains("repository") && s.contains("BetaRepository")), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.contains("entity") && s.contains("BetaThing")), v.toString());
        assertTrue(v.stream().noneMatch(s -> s.contains("BetaService")), "services are allowed: " + v);
    }

    @Test
    void commonDependingOnAFeatureIsReported() {
        List<String> v = RULES.commonToFeatureViolations(fixtures);
        assertTrue(v.stream().anyMatch(s -> s.contains("SharedHelper") && s.contains("BetaService")), v.toString());
    }

    @Test
    void undeclaredEndpointIsReportedByName() {
        List<String> v = RULES.undeclaredEndpoints(fixtures);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("AlphaResource.forgotten()"), v.toString());
    }

    @Test
    void rolesWithoutAuthenticatedIsReportedByName() {
        List<String> v = RULES.rolesWithoutAuthenticated(fixtures);
        assertEquals(1, v.size(), v.toString());
        assertTrue(v.get(0).contains("rolesWithoutAuthenticated"), v.toString());
    }
}
