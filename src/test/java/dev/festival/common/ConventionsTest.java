package dev.festival.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConventionsTest {
    @Test
    void apiRootAnswersPublicly() {
        given().get("/api").then().statusCode(200)
                .body("name", equalTo("festival-platform"))
                .body("docs", equalTo("/api/docs"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void unknownRouteUnderApiIsA404InTheErrorFormat() {
        given().get("/api/no-such-thing").then().statusCode(404)
                .body("statusCode", equalTo(404))
                .body("errorCode", equalTo("ERR_1001"))
                .body("error", equalTo("Not Found"))
                .body("requestId", notNullValue());
    }

    @Test
    void unknownRouteOutsideApiIsA404InTheErrorFormat() {
        given().get("/nothing/here").then().statusCode(404)
                .body("errorCode", equalTo("ERR_1001"));
    }

    @Test
    void saneClientRequestIdIsEchoed() {
        given().header("X-Request-Id", "abc-123").get("/api").then()
                .header("X-Request-Id", equalTo("abc-123"));
    }
}
