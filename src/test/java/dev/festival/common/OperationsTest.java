package dev.festival.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.events.BusinessEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** API.md "Operations": health, metrics, OpenAPI. */
@QuarkusTest
class OperationsTest {
    @Inject
    BusinessEvents events;

    @Test
    void healthIsUpWithPostgresAndRedisChecks() {
        given().get("/api/health").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("postgresql", "redis"))
                .body("checks.find { it.name == 'postgresql' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'redis' }.status", equalTo("UP"));
    }

    @Test
    void readinessCarriesTheDependencyChecks() {
        given().get("/api/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("postgresql", "redis"));
    }

    @Test
    void livenessAnswersUpWithoutDependencyChecks() {
        given().get("/api/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem("postgresql")));
    }

    @Test
    void metricsArePrometheusAtSlashMetricsWithHttpHistogramsJvmAndPool() {
        given().get("/api").then().statusCode(200);
        String metrics = given().accept("text/plain").get("/metrics").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .extract().asString();
        assertTrue(metrics.contains("http_server_requests_seconds_bucket{"), "http histogram buckets");
        assertTrue(Pattern.compile("(?m)^jvm_memory_used_bytes\\{").matcher(metrics).find(), "jvm metrics");
        assertTrue(metrics.contains("sql_pool_active"), "reactive PostgreSQL pool metrics");
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void aRecordedBusinessEventShowsUpAsACounter() {
        events.record("conventions.checked", "userId", "u-1");
        events.record("conventions.checked", "userId", "u-2");
        String metrics = given().accept("text/plain").get("/metrics").then().statusCode(200).extract().asString();
        var m = Pattern.compile("(?m)^festival_business_events_total\\{[^}]*event=\"conventions.checked\"[^}]*} (\\S+)$")
                .matcher(metrics);
        assertTrue(m.find(), "business counter present");
        assertTrue(Double.parseDouble(m.group(1)) >= 2.0, "counted twice: " + m.group(1));
    }

    @Test
    void openApiDocumentIsJsonWithErrorSchemaAndSecuritySchemes() {
        given().get("/api/docs-json").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("openapi", startsWith("3."))
                .body("paths", hasKey("/api"))
                .body("components.schemas", hasKey("ErrorBody"))
                .body("components.schemas.ErrorBody.properties", hasKey("errorCode"))
                .body("components.securitySchemes", hasKey("bearerAuth"))
                .body("components.securitySchemes.size()", equalTo(3))
                .body("components.securitySchemes.cookieAuth.name", equalTo("access_token"))
                .body("components.securitySchemes.apiKeyAuth.name", equalTo("X-API-Key"))
                .body("info.description", containsString("ERR_1000"))
                .body("info.description", containsString("ERR_6005"))
                .body("paths.'/api'.get.responses.'500'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ErrorBody"));
    }

    @Test
    void swaggerUiAnswers() {
        given().redirects().follow(true).get("/api/docs").then().statusCode(200)
                .body(containsString("swagger"));
        given().get("/api/docs-json?format=json").then().statusCode(200).contentType(ContentType.JSON);
    }

    @Test
    void healthAndDocsAreNotBehindAuthentication() {
        given().get("/api/health").then().statusCode(200).header("X-Request-Id", notNullValue());
        given().get("/api/docs-json").then().statusCode(200);
    }

    @Test
    void architectureFixturesAreNeverDeployed() {
        given().get("/api/archunit-fixture").then().statusCode(404);
        given().get("/api/docs-json").then().body("paths", not(hasKey("/api/archunit-fixture")));
    }

    @Test
    void securedOperationsListTheThreeCredentialsAndTheAuthErrors() {
        String op = "paths.'/api/test-conventions/secured'.get";
        given().get("/api/docs-json").then().statusCode(200)
                .body(op + ".security.flatten().collect { it.keySet() }.flatten()",
                        hasItems("bearerAuth", "cookieAuth", "apiKeyAuth"))
                .body(op + ".responses.'401'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/ErrorBody"))
                .body(op + ".responses", hasKey("403"))
                .body("paths.'/api/test-conventions'.post.responses", hasKey("400"))
                .body("paths.'/api'.get", not(hasKey("security")));
    }
}
