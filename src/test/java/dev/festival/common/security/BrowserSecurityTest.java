package dev.festival.common.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Security headers, CORS and CSRF (common/web/BrowserSecurity) and the auth cookies' flags. */
@QuarkusTest
class BrowserSecurityTest {
    private static final String FOREIGN = "https://evil.example";
    private static final String WEB_APP = "http://localhost:3000";

    private static void assertSecurityHeaders(Response r) {
        assertEquals("nosniff", r.header("X-Content-Type-Options"), r.getHeaders().toString());
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndAStrictCsp() {
        for (String path : List.of("/api", "/api/health", "/api/no-such-route", "/metrics", "/api/docs-json")) {
            Response r = given().get(path);
            assertSecurityHeaders(r);
        }
        Response api = given().get("/api");
        assertTrue(api.header("Content-Security-Policy").startsWith("default-src 'none'"));
        assertEquals(null, api.header("Strict-Transport-Security"), "no HSTS over plain http");
        Response unauthorized = given().get("/api/auth/me");
        unauthorized.then().statusCode(401);
        assertSecurityHeaders(unauthorized);
    }

    @Test
    void hstsIsSentWhenTheIngressSaysTheRequestCameOverHttps() {
        Response r = given().header("X-Forwarded-Proto", "https").get("/api");
        assertTrue(r.header("Strict-Transport-Security").startsWith("max-age=31536000"), r.getHeaders().toString());
        assertTrue(r.header("Strict-Transport-Security").contains("includeSubDomains"));
    }

    @Test
    void theSwaggerPageRunsUnderItsCspWithoutInlineScript() {
        Response page = given().redirects().follow(true).get("/api/docs");
        page.then().statusCode(200).contentType(containsString("text/html"));
        String csp = page.header("Content-Security-Policy");
        String scriptSrc = java.util.Arrays.stream(csp.split(";")).map(String::trim)
                .filter(d -> d.startsWith("script-src")).findFirst().orElseThrow(() -> new AssertionError(csp));
        assertEquals("script-src 'self'", scriptSrc);
        assertTrue(csp.contains("default-src 'none'"), csp);
        String html = page.asString();
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        List<String> sources = new ArrayList<>();
        while (scripts.find()) {
            assertTrue(scripts.group(2).isBlank(), "inline script would be blocked by the CSP: " + scripts.group(2));
            Matcher src = Pattern.compile("src=\"([^\"]+)\"").matcher(scripts.group(1));
            assertTrue(src.find(), scripts.group(0));
            sources.add(src.group(1));
        }
        assertTrue(sources.contains("swagger-ui-bundle.js"), sources.toString());
        for (String source : sources) {
            given().get("/api/docs/" + source).then().statusCode(200)
                    .contentType(containsString("javascript"));
        }
        given().get("/api/docs/swagger-ui.css").then().statusCode(200);
        given().get("/api/docs/festival-swagger-init.js").then().body(containsString("/api/docs-json"));
    }

    @Test
    void corsAnswersConfiguredOriginsWithCredentialsAndNotOthers() {
        given().header("Origin", WEB_APP).get("/api").then().statusCode(200)
                .header("Access-Control-Allow-Origin", WEB_APP)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
        given().header("Origin", WEB_APP).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,authorization")
                .options("/api/auth/login").then().statusCode(204)
                .header("Access-Control-Allow-Origin", WEB_APP)
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given().header("Origin", FOREIGN).get("/api").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", FOREIGN).header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login").then().statusCode(403)
                .body("errorCode", equalTo("ERR_3004"))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    private static io.restassured.specification.RequestSpecification withCookie(Fixtures.Account a) {
        return given().cookie("access_token", a.accessToken()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Csrf"));
    }

    @Test
    void aCookieAuthenticatedPostFromAForeignOriginIs403AndWithoutOriginPasses() {
        Fixtures.Account user = Fixtures.user();
        withCookie(user).header("Origin", FOREIGN).patch("/api/users/me").then().statusCode(403)
                .body("errorCode", equalTo("ERR_3004"))
                .body("statusCode", equalTo(403));
        withCookie(user).header("Origin", "null").patch("/api/users/me").then().statusCode(403)
                .body("errorCode", equalTo("ERR_3004"));
        withCookie(user).header("Referer", FOREIGN + "/page").patch("/api/users/me").then().statusCode(403)
                .body("errorCode", equalTo("ERR_3004"));
        given().cookie("access_token", user.accessToken()).header("Origin", FOREIGN)
                .post("/api/auth/logout").then().statusCode(403).body("errorCode", equalTo("ERR_3004"));
        given().cookie("refresh_token", user.refreshToken()).header("Origin", FOREIGN)
                .post("/api/auth/refresh").then().statusCode(403).body("errorCode", equalTo("ERR_3004"));

        withCookie(user).patch("/api/users/me").then().statusCode(200).body("firstName", equalTo("Csrf"));
        withCookie(user).header("Origin", WEB_APP).patch("/api/users/me").then().statusCode(200);
        withCookie(user).header("Referer", WEB_APP + "/account").patch("/api/users/me").then().statusCode(200);
        withCookie(user).header("Origin", "http://localhost:" + RestAssured.port).patch("/api/users/me")
                .then().statusCode(200);
        // a safe method is never refused
        given().cookie("access_token", user.accessToken()).header("Origin", FOREIGN).get("/api/auth/me")
                .then().statusCode(200);
    }

    @Test
    void bearerRequestsFromAForeignOriginAreNotSubjectToTheCsrfCheck() {
        Fixtures.Account user = Fixtures.user();
        user.request().header("Origin", FOREIGN).body(Map.of("lastName", "Bearer")).patch("/api/users/me")
                .then().statusCode(200).body("lastName", equalTo("Bearer"));
        // a cookie left in the browser does not matter when the request carries a Bearer token
        user.request().cookie("access_token", user.accessToken()).header("Origin", FOREIGN)
                .body(Map.of("lastName", "Both")).patch("/api/users/me").then().statusCode(200);
    }

    @Test
    void authCookiesAreHttpOnlySameSiteLaxWithTheirPaths() {
        Fixtures.Account user = Fixtures.user();
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", Fixtures.PASSWORD)).post("/api/auth/login");
        List<String> cookies = login.getHeaders().getValues("Set-Cookie");
        String access = cookies.stream().filter(c -> c.startsWith("access_token=")).findFirst().orElseThrow();
        String refresh = cookies.stream().filter(c -> c.startsWith("refresh_token=")).findFirst().orElseThrow();
        for (String c : List.of(access, refresh)) {
            assertTrue(c.contains("; HttpOnly"), c);
            assertTrue(c.contains("; SameSite=Lax"), c);
        }
        assertTrue(access.contains("; Path=/;") || access.contains("; Path=/ ") || access.matches(".*; Path=/(;.*|$)"),
                access);
        assertTrue(refresh.contains("; Path=/api/auth"), refresh);
        assertTrue(access.contains("Max-Age=900"), access);
        assertTrue(refresh.contains("Max-Age=604800"), refresh);
        login.then().header("Set-Cookie", not(containsString("Secure")));
    }
}
