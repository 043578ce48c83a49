package dev.festival.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire conventions of API.md ("Conventions", "Errors") that every endpoint inherits. */
@QuarkusTest
class ConventionsTest {
    private static final String SAMPLE = "/api/test-conventions";

    /** Asserts the full API.md error body. */
    static ValidatableResponse errorBody(ValidatableResponse r, int status, String code, String path) {
        return r.statusCode(status)
                .contentType(ContentType.JSON)
                .header("X-Request-Id", notNullValue())
                .body("statusCode", equalTo(status))
                .body("errorCode", equalTo(code))
                .body("error", notNullValue())
                .body("message", notNullValue())
                .body("$", org.hamcrest.Matchers.hasKey("details"))
                .body("requestId", notNullValue())
                .body("timestamp", notNullValue())
                .body("path", equalTo(path));
    }

    @Test
    void apiRootAnswersPublicly() {
        given().get("/api").then().statusCode(200)
                .body("name", equalTo("festival-platform"))
                .body("docs", equalTo("/api/docs"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void unknownRouteUnderApiIsA404InTheErrorFormat() {
        errorBody(given().get("/api/no-such-thing").then(), 404, "ERR_1001", "/api/no-such-thing")
                .body("error", equalTo("Not Found"));
    }

    @Test
    void unknownRouteOutsideApiIsA404InTheErrorFormat() {
        errorBody(given().get("/nothing/here").then(), 404, "ERR_1001", "/nothing/here");
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/festivals")
    java.net.URL festivals;

    @Test
    void jsonBodyWithoutContentTypeIsAuthenticatedFirstNotRefusedAs415() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(festivals.toURI())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
                .build();
        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        org.junit.jupiter.api.Assertions.assertEquals(401, response.statusCode(), response.body());
        org.junit.jupiter.api.Assertions.assertTrue(response.body().contains("ERR_2002"), response.body());
    }

    @Test
    void wrongMethodIsA405() {
        errorBody(given().delete("/api").then(), 405, "ERR_1002", "/api");
    }

    @Test
    void wrongContentTypeIsA415() {
        errorBody(given().contentType(ContentType.TEXT).body("hello").post(SAMPLE).then(), 415, "ERR_1003", SAMPLE);
    }

    @Test
    void oversizedBodyIsA413InTheErrorFormat() {
        String big = "{\"email\":\"" + "a".repeat(1_200_000) + "\"}";
        errorBody(given().contentType(ContentType.JSON).body(big).post(SAMPLE).then(), 413, "ERR_1004", SAMPLE);
    }

    @Test
    void malformedJsonIsA400Err4002InTheFullErrorFormat() {
        errorBody(given().contentType(ContentType.JSON).body("{\"quantity\": 1, \"email\": ").post(SAMPLE).then(),
                400, "ERR_4002", SAMPLE)
                .body("error", equalTo("Bad Request"));
    }

    @Test
    void wrongTypedFieldIsA400NamingTheField() {
        errorBody(given().contentType(ContentType.JSON)
                        .body("{\"quantity\": \"abc\", \"email\": \"a@b.fr\", \"kind\": \"CONCERT\"}")
                        .post(SAMPLE).then(), 400, "ERR_4001", SAMPLE)
                .body("details.fields.field", hasItem("quantity"));
    }

    @Test
    void unknownEnumValueIsA400NamingTheField() {
        errorBody(given().contentType(ContentType.JSON)
                        .body("{\"quantity\": 1, \"email\": \"a@b.fr\", \"kind\": \"OPERA\"}")
                        .post(SAMPLE).then(), 400, "ERR_4001", SAMPLE)
                .body("details.fields.field", hasItem("kind"));
    }

    @Test
    void missingAndInvalidFieldsAreA400WithFieldDetails() {
        errorBody(given().contentType(ContentType.JSON)
                        .body("{\"quantity\": 0, \"email\": \"not-an-email\"}")
                        .post(SAMPLE).then(), 400, "ERR_4001", SAMPLE)
                .body("message", equalTo("Validation failed"))
                .body("details.fields.field", allOf(hasItem("quantity"), hasItem("email"), hasItem("kind")))
                .body("details.fields.message", hasItem(notNullValue()));
    }

    @Test
    void missingBodyIsA400() {
        given().contentType(ContentType.JSON).post(SAMPLE).then().statusCode(400)
                .body("errorCode", org.hamcrest.Matchers.startsWith("ERR_400"));
    }

    @Test
    void unknownJsonFieldsAreIgnoredAndEnumsAcceptedInAnyCase() {
        given().contentType(ContentType.JSON)
                .body("{\"quantity\": 2, \"email\": \"fan@festival.fr\", \"kind\": \"festival_pass\","
                        + " \"rememberMe\": true, \"userId\": \"x\", \"nested\": {\"a\": [1, 2]}}")
                .post(SAMPLE).then().statusCode(201)
                .body("quantity", equalTo(2))
                .body("kind", equalTo("FESTIVAL_PASS"));
        given().contentType(ContentType.JSON)
                .body(Map.of("quantity", 1, "email", "fan@festival.fr", "kind", "Concert"))
                .post(SAMPLE).then().statusCode(201).body("kind", equalTo("CONCERT"));
    }

    @Test
    void unexpectedExceptionIsA500WithRequestIdAndNoInternals() {
        String body = errorBody(given().header("X-Request-Id", "boom-check-1").get(SAMPLE + "/boom").then(),
                500, "ERR_1000", SAMPLE + "/boom")
                .body("requestId", equalTo("boom-check-1"))
                .body("message", equalTo("Internal server error"))
                .body("details", nullValue())
                .extract().asString();
        assertTrue(!body.contains("IllegalStateException") && !body.contains("dev.festival")
                && !body.contains("row 42") && !body.contains("\tat "), body);
    }

    @Test
    void listAnswersTheEnvelope() {
        given().get(SAMPLE + "/items?page=2&limit=20&unknownParam=1").then().statusCode(200)
                .body("data", hasSize(20))
                .body("data[0].n", equalTo(21))
                .body("meta.total", equalTo(45))
                .body("meta.page", equalTo(2))
                .body("meta.limit", equalTo(20))
                .body("meta.totalPages", equalTo(3))
                .body("meta.hasNextPage", equalTo(true))
                .body("meta.hasPreviousPage", equalTo(true));
    }

    @Test
    void offsetIsAccepted() {
        given().get(SAMPLE + "/items?offset=40&limit=20").then().statusCode(200)
                .body("data", hasSize(5))
                .body("data[0].n", equalTo(41))
                .body("meta.page", equalTo(3));
    }

    @Test
    void defaultsArePage1Limit20() {
        given().get(SAMPLE + "/items").then().statusCode(200)
                .body("meta.page", equalTo(1)).body("meta.limit", equalTo(20)).body("data", hasSize(20));
    }

    @Test
    void badPagingParametersAreA400Err4003() {
        for (String q : new String[] {"page=0", "limit=101", "limit=abc", "limit=0", "page=-1", "offset=-5",
                "sortOrder=sideways"}) {
            errorBody(given().get(SAMPLE + "/items?" + q).then(), 400, "ERR_4003", SAMPLE + "/items");
        }
    }

    @Test
    void everyResponseCarriesARequestId() {
        given().get("/api").then().header("X-Request-Id", notNullValue());
        given().get("/outside/api/nothing").then().statusCode(404).header("X-Request-Id", notNullValue());
        given().get("/api/health").then().header("X-Request-Id", notNullValue());
        given().get("/metrics").then().header("X-Request-Id", notNullValue());
    }

    @Test
    void saneClientRequestIdIsEchoed() {
        given().header("X-Request-Id", "abc-123").get("/api").then()
                .header("X-Request-Id", equalTo("abc-123"));
        given().header("X-Request-Id", "err-abc-123").get("/api/nope").then().statusCode(404)
                .header("X-Request-Id", equalTo("err-abc-123"))
                .body("requestId", equalTo("err-abc-123"));
    }

    @Test
    void insaneClientRequestIdIsReplaced() {
        String tooLong = "x".repeat(300);
        String replaced = given().header("X-Request-Id", tooLong).get("/api").then().statusCode(200)
                .extract().header("X-Request-Id");
        assertNotEquals(tooLong, replaced);
        assertTrue(replaced.length() <= 128, replaced);
        String spaced = given().header("X-Request-Id", "has spaces <script>").get("/api").then().statusCode(200)
                .extract().header("X-Request-Id");
        assertNotEquals("has spaces <script>", spaced);
        assertEquals(36, spaced.length(), "a generated UUID: " + spaced);
    }

    @Test
    void errorBodiesNeverLeakStackTraces() {
        given().contentType(ContentType.JSON).body("[1,2").post(SAMPLE).then().statusCode(400)
                .body(not(containsString("com.fasterxml")))
                .body(not(containsString("Exception")));
    }

    @Test
    void logLinesCarryTheRequestIdAndNeverTheSecrets() throws Exception {
        String requestId = "log-check-" + System.nanoTime();
        given().header("X-Request-Id", requestId).get(SAMPLE + "/log?marker=" + requestId).then().statusCode(200);
        java.nio.file.Path log = java.nio.file.Path.of("target/test-app.log");
        String line = null;
        for (int attempt = 0; attempt < 50 && line == null; attempt++) {
            line = java.nio.file.Files.readAllLines(log).stream()
                    .filter(l -> l.contains("conventions-log " + requestId)).findFirst().orElse(null);
            if (line == null) {
                Thread.sleep(100);
            }
        }
        assertTrue(line != null, "log line written");
        assertTrue(line.contains("(" + requestId + ")"), "request id in the MDC column: " + line);
        assertTrue(!line.contains("hunter2") && !line.contains("abc.def.ghi") && !line.contains("r-123"), line);
        assertTrue(line.contains("[REDACTED]"), line);
    }

    @Test
    void anonymousCallToASecuredEndpointIsA401InTheErrorFormat() {
        errorBody(given().get(SAMPLE + "/secured").then(), 401, "ERR_2002", SAMPLE + "/secured");
    }
}
