package dev.festival.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthResourceTest {
    private static final String PASSWORD = "Festival2025!";

    static Response register(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "firstName", "Ada", "lastName", "Lovelace"))
                .post("/api/auth/register");
    }

    static Response login(String email, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("/api/auth/login");
    }

    static Response refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .post("/api/auth/refresh");
    }

    static String setCookie(Response r, String name) {
        return r.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no Set-Cookie for " + name + " in " + r.getHeaders()));
    }

    @Test
    void registerAnswers201WithTokensNestedAndAtTopLevelAndSetsBothCookies() {
        String email = Fixtures.uniqueEmail("reg");
        Response r = register(email, PASSWORD);
        r.then().statusCode(201)
                .body("user.id", notNullValue())
                .body("user.email", equalTo(email))
                .body("user.firstName", equalTo("Ada"))
                .body("user.role", equalTo("USER"))
                .body("user.status", equalTo("PENDING_VERIFICATION"))
                .body("user.emailVerified", equalTo(false))
                .body("user", not(hasKey("passwordHash")))
                .body("user", not(hasKey("password")))
                .body("tokens.tokenType", equalTo("Bearer"))
                .body("tokens.expiresIn", equalTo(900))
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900));
        assertEquals(r.path("accessToken").toString(), r.path("tokens.accessToken").toString());
        assertEquals(r.path("refreshToken").toString(), r.path("tokens.refreshToken").toString());
        assertFalse(r.asString().contains("$2a$") || r.asString().contains("$2b$"), "no bcrypt hash in the answer");

        String access = setCookie(r, "access_token");
        assertTrue(access.startsWith("access_token=" + r.path("accessToken") + ";"), access);
        assertTrue(access.contains("Max-Age=900"), access);
        assertTrue(access.contains("Path=/;") || access.endsWith("Path=/"), access);
        assertTrue(access.contains("HttpOnly"), access);
        assertTrue(access.contains("SameSite=Lax"), access);
        assertFalse(access.contains("Secure"), "test profile disables Secure: " + access);
        String refresh = setCookie(r, "refresh_token");
        assertTrue(refresh.startsWith("refresh_token=" + r.path("refreshToken") + ";"), refresh);
        assertTrue(refresh.contains("Max-Age=604800"), refresh);
        assertTrue(refresh.contains("Path=/api/auth"), refresh);
        assertTrue(refresh.contains("HttpOnly"), refresh);
        assertTrue(refresh.contains("SameSite=Lax"), refresh);
    }

    @Test
    void registerTrimsAndLowerCasesTheEmailSoAnotherCaseIsADuplicate() {
        String email = Fixtures.uniqueEmail("dup");
        register("  " + email.toUpperCase() + " ", PASSWORD).then().statusCode(201).body("user.email", equalTo(email));
        register(" " + email.substring(0, 1).toUpperCase() + email.substring(1) + "  ", PASSWORD).then()
                .statusCode(409).body("errorCode", equalTo("ERR_5002"));
        login(email.toUpperCase(), PASSWORD).then().statusCode(200);
    }

    @Test
    void weakPasswordIsA400NamingTheFailedRule() {
        register(Fixtures.uniqueEmail("weak"), "alllowercase1").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields.field", hasItem("password"))
                .body("details.fields.rule", hasItem("uppercase"))
                .body("details.fields.message", hasItem(containsString("uppercase")));
        register(Fixtures.uniqueEmail("weak"), "Sh0rt").then().statusCode(400)
                .body("details.fields.rule", hasItem("minLength"));
        register(Fixtures.uniqueEmail("weak"), "NoDigitsHere").then().statusCode(400)
                .body("details.fields.rule", hasItem("digit"));
    }

    @Test
    void registerWithoutNamesOrWithABadEmailIsA400NamingTheFields() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "password", PASSWORD))
                .post("/api/auth/register")
                .then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields.field", hasItem("email"))
                .body("details.fields.field", hasItem("firstName"))
                .body("details.fields.field", hasItem("lastName"));
    }

    @Test
    void loginBeforeVerificationWorksAndIgnoresUnknownFields() {
        String email = Fixtures.uniqueEmail("login");
        String id = register(email, PASSWORD).path("user.id");
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("rememberMe", true);
        body.put("deviceName", "phone");
        Response r = given().contentType(ContentType.JSON).body(body).post("/api/auth/login");
        r.then().statusCode(200)
                .body("user.id", equalTo(id))
                .body("user.status", equalTo("PENDING_VERIFICATION"))
                .body("user.lastLoginAt", notNullValue())
                .body("tokens.accessToken", notNullValue())
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue());
        setCookie(r, "access_token");
        setCookie(r, "refresh_token");
    }

    @Test
    void aStaleAccessCookieDoesNotBlockSigningInOrRefreshing() {
        String email = Fixtures.uniqueEmail("stale");
        String refreshToken = register(email, PASSWORD).path("refreshToken");
        given().cookie("access_token", "expired.or.garbage").contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD)).post("/api/auth/login")
                .then().statusCode(200);
        given().cookie("access_token", "expired.or.garbage").cookie("refresh_token", refreshToken)
                .post("/api/auth/refresh").then().statusCode(200);
    }

    static io.restassured.path.json.JsonPath claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return io.restassured.path.json.JsonPath.from(
                new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    @Test
    void tokensCarryTheDocumentedClaims() {
        Fixtures.Account a = Fixtures.user();
        io.restassured.path.json.JsonPath access = claims(a.accessToken());
        io.restassured.path.json.JsonPath refresh = claims(a.refreshToken());
        assertEquals("festival-platform", access.getString("iss"));
        assertEquals(a.id().toString(), access.getString("sub"));
        assertEquals(a.id().toString(), access.getString("upn"));
        assertEquals(a.email(), access.getString("email"));
        assertEquals(List.of("USER"), access.getList("groups"));
        assertEquals("festival-api", access.getString("aud"));
        assertEquals(900L, access.getLong("exp") - access.getLong("iat"));
        UUID.fromString(access.getString("jti"));
        UUID sid = UUID.fromString(access.getString("sid"));

        assertEquals("refresh", refresh.getString("typ"));
        assertEquals("festival-refresh", refresh.getString("aud"));
        assertEquals(sid.toString(), refresh.getString("sid"));
        assertEquals(7L * 24 * 3600, refresh.getLong("exp") - refresh.getLong("iat"));
        assertNotEquals(access.getString("jti"), refresh.getString("jti"));
        assertEquals(null, (Object) refresh.get("groups"));
    }

    @Test
    void registerIgnoresUnknownFields() {
        Map<String, Object> body = new HashMap<>();
        body.put("email", Fixtures.uniqueEmail("extra"));
        body.put("password", PASSWORD);
        body.put("firstName", "A");
        body.put("lastName", "B");
        body.put("acceptTerms", true);
        body.put("role", "ADMIN");
        given().contentType(ContentType.JSON).body(body).post("/api/auth/register")
                .then().statusCode(201).body("user.role", equalTo("USER"));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSame401() {
        String email = Fixtures.uniqueEmail("wrong");
        register(email, PASSWORD).then().statusCode(201);
        Response wrong = login(email, "Festival2025?");
        Response unknown = login(Fixtures.uniqueEmail("nobody"), PASSWORD);
        wrong.then().statusCode(401).body("errorCode", equalTo("ERR_2001"));
        unknown.then().statusCode(401).body("errorCode", equalTo("ERR_2001"));
        assertEquals(wrong.path("message").toString(), unknown.path("message").toString());
    }

    @Test
    void bannedAndInactiveAccountsAreRefusedWith403() {
        for (String status : List.of("BANNED", "INACTIVE")) {
            String email = Fixtures.uniqueEmail(status.toLowerCase());
            UUID id = UUID.fromString(register(email, PASSWORD).path("user.id"));
            Fixtures.sql("UPDATE users SET status = $1 WHERE id = $2", Tuple.of(status, id));
            login(email, PASSWORD).then().statusCode(403).body("errorCode", equalTo("ERR_2005"));
            // the status is only revealed to whoever knows the password
            login(email, "Wrong2025!x").then().statusCode(401).body("errorCode", equalTo("ERR_2001"));
        }
    }

    @Test
    void meAnswersTheUserWithABearerTokenOrTheCookie() {
        Fixtures.Account a = Fixtures.user();
        given().header("Authorization", "Bearer " + a.accessToken()).get("/api/auth/me")
                .then().statusCode(200).body("id", equalTo(a.id().toString())).body("email", equalTo(a.email()))
                .body("$", not(hasKey("passwordHash")));
        given().cookie("access_token", a.accessToken()).get("/api/auth/me")
                .then().statusCode(200).body("id", equalTo(a.id().toString()));
    }

    @Test
    void anonymousMeIs401TokenMissing() {
        given().get("/api/auth/me").then().statusCode(401).body("errorCode", equalTo("ERR_2002"));
    }

    @Test
    void garbageTokenIs401TokenInvalid() {
        given().header("Authorization", "Bearer not.a.jwt").get("/api/auth/me")
                .then().statusCode(401).body("errorCode", equalTo("ERR_2003"));
        given().cookie("access_token", "garbage").get("/api/auth/me")
                .then().statusCode(401).body("errorCode", equalTo("ERR_2003"));
    }

    @Test
    void aRefreshTokenNeverAuthenticatesARequest() {
        Fixtures.Account a = Fixtures.user();
        given().header("Authorization", "Bearer " + a.refreshToken()).get("/api/auth/me")
                .then().statusCode(401);
        given().cookie("access_token", a.refreshToken()).get("/api/auth/me")
                .then().statusCode(401);
    }

    @Test
    void anAccessTokenIsNotARefreshToken() {
        Fixtures.Account a = Fixtures.user();
        refresh(a.accessToken()).then().statusCode(401).body("errorCode", equalTo("ERR_2004"));
        refresh("garbage").then().statusCode(401).body("errorCode", equalTo("ERR_2004"));
    }

    @Test
    void refreshWithoutATokenIs400() {
        given().contentType(ContentType.JSON).body("{}").post("/api/auth/refresh")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4001"))
                .body("details.fields.field", hasItem("refreshToken"));
        given().post("/api/auth/refresh").then().statusCode(400).body("errorCode", equalTo("ERR_4001"));
    }

    @Test
    void refreshRotatesTheTokensAndSetsNewCookies() {
        Fixtures.Account a = Fixtures.user();
        Response r = refresh(a.refreshToken());
        r.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .body("accessToken", notNullValue())
                .body("refreshToken", notNullValue());
        String newAccess = r.path("accessToken");
        String newRefresh = r.path("refreshToken");
        assertNotEquals(a.accessToken(), newAccess);
        assertNotEquals(a.refreshToken(), newRefresh);
        assertTrue(setCookie(r, "access_token").startsWith("access_token=" + newAccess + ";"));
        assertTrue(setCookie(r, "refresh_token").startsWith("refresh_token=" + newRefresh + ";"));
        given().header("Authorization", "Bearer " + newAccess).get("/api/auth/me")
                .then().statusCode(200).body("id", equalTo(a.id().toString()));
        // the new refresh token is live in turn
        refresh(newRefresh).then().statusCode(200);
    }

    @Test
    void refreshReadsTheCookieAndTheBodyWins() {
        Fixtures.Account a = Fixtures.user();
        Response viaCookie = given().cookie("refresh_token", a.refreshToken()).post("/api/auth/refresh");
        viaCookie.then().statusCode(200);
        String fromCookie = viaCookie.path("refreshToken");
        // body (valid) wins over a garbage cookie
        given().cookie("refresh_token", "garbage").contentType(ContentType.JSON)
                .body(Map.of("refreshToken", fromCookie)).post("/api/auth/refresh")
                .then().statusCode(200);
        // body (garbage) wins over a valid cookie
        given().cookie("refresh_token", fromCookie).contentType(ContentType.JSON)
                .body(Map.of("refreshToken", "garbage")).post("/api/auth/refresh")
                .then().statusCode(401).body("errorCode", equalTo("ERR_2004"));
    }

    @Test
    void aRotatedTokenPresentedAgainWithinTheGraceGetsAFreshPair() {
        Fixtures.Account a = Fixtures.user();
        String first = refresh(a.refreshToken()).then().statusCode(200).extract().path("refreshToken");
        Response again = refresh(a.refreshToken());
        again.then().statusCode(200);
        String second = again.path("refreshToken");
        assertNotEquals(first, second);
        refresh(first).then().statusCode(200);
        refresh(second).then().statusCode(200);
    }

    @Test
    void concurrentRefreshesOfOneTokenAllFollowTheGraceRule() throws Exception {
        Fixtures.Account a = Fixtures.user();
        List<Integer> statuses = concurrently(6, () -> refresh(a.refreshToken()).statusCode());
        assertEquals(List.of(200, 200, 200, 200, 200, 200), statuses);
        String hash = TokenService.sha256(a.refreshToken());
        Integer rows = countRows("SELECT count(*) FROM refresh_tokens t WHERE t.rotated_at IS NULL AND t.session_id ="
                + " (SELECT session_id FROM refresh_tokens WHERE token_hash = $1)", hash);
        // the original was rotated once; each of the six presentations got its own new token in that session
        assertEquals(6, rows);
    }

    @Test
    void logoutRevokesEverySessionAndClearsBothCookies() {
        Fixtures.Account a = Fixtures.user();
        String otherDevice = login(a.email(), a.password()).path("refreshToken");
        Response out = a.request().post("/api/auth/logout");
        out.then().statusCode(200).body("success", equalTo(true)).body("message", notNullValue());
        String access = setCookie(out, "access_token");
        String refresh = setCookie(out, "refresh_token");
        assertTrue(access.startsWith("access_token=;") && access.contains("Max-Age=0") && access.contains("Path=/"),
                access);
        assertTrue(refresh.startsWith("refresh_token=;") && refresh.contains("Max-Age=0")
                && refresh.contains("Path=/api/auth"), refresh);
        refresh(a.refreshToken()).then().statusCode(401).body("errorCode", equalTo("ERR_2004"));
        refresh(otherDevice).then().statusCode(401).body("errorCode", equalTo("ERR_2004"));
    }

    @Test
    void anonymousLogoutIs401() {
        given().post("/api/auth/logout").then().statusCode(401).body("errorCode", equalTo("ERR_2002"));
    }

    @Test
    void aLogoutWithADeadSessionIs401AndStillClearsTheCookies() {
        Fixtures.Account a = Fixtures.user();
        a.request().post("/api/auth/logout").then().statusCode(200);
        // the same browser signs out again (another tab): its cookie's session is revoked
        Response again = given().cookie("access_token", a.accessToken()).post("/api/auth/logout");
        again.then().statusCode(401).body("errorCode", equalTo("ERR_2003")).body("statusCode", equalTo(401));
        assertTrue(setCookie(again, "access_token").contains("Max-Age=0"));
        assertTrue(setCookie(again, "refresh_token").contains("Max-Age=0"));
        // other endpoints answer their 401 without touching cookies
        Response me = given().cookie("access_token", a.accessToken()).get("/api/auth/me");
        me.then().statusCode(401).body("errorCode", equalTo("ERR_2003"));
        assertTrue(me.headers().getValues("Set-Cookie").isEmpty(), me.headers().toString());
    }

    @Test
    void loginsInTheSameMillisecondGetDifferentTokens() throws Exception {
        String email = Fixtures.uniqueEmail("twins");
        register(email, PASSWORD).then().statusCode(201);
        List<Response> answers = concurrently(6, () -> login(email, PASSWORD));
        Set<String> access = new HashSet<>();
        Set<String> refresh = new HashSet<>();
        for (Response r : answers) {
            assertEquals(200, r.statusCode(), r.asString());
            access.add(r.path("accessToken"));
            refresh.add(r.path("refreshToken"));
        }
        assertEquals(6, access.size());
        assertEquals(6, refresh.size());
    }

    @Test
    void theBootstrapAdminCanSignInAsAdmin() {
        login("root-admin@festival.test", "RootAdmin2026!").then().statusCode(200)
                .body("user.role", equalTo("ADMIN"))
                .body("user.status", equalTo("ACTIVE"))
                .body("user.emailVerified", equalTo(true));
    }

    @Test
    void passwordsAndTokensNeverReachTheLogButTheLoginLineDoes() throws Exception {
        String email = Fixtures.uniqueEmail("redact");
        String password = "Zq9-Distinctive-" + UUID.randomUUID().toString().substring(0, 8);
        String id = register(email, password).then().statusCode(201).extract().path("user.id");
        Response r = login(email, password);
        r.then().statusCode(200);
        login(email, password + "x").then().statusCode(401);
        String log = Files.readString(Path.of("target/test-app.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("event=login userId=" + id + " sessionId="), "business login line is logged");
        assertFalse(log.contains(password), "the password is never logged");
        assertFalse(log.contains(r.path("refreshToken").toString()), "the refresh token is never logged");
        assertFalse(log.contains(r.path("accessToken").toString()), "the access token is never logged");
    }

    @Test
    void everyAuthEndpointIsDocumentedUnderTheAuthTag() {
        Response doc = given().accept(ContentType.JSON).get("/api/docs-json");
        doc.then().statusCode(200);
        for (String op : List.of("register.post", "login.post", "me.get", "refresh.post", "logout.post")) {
            String[] parts = op.split("\\.");
            String base = "paths.'/api/auth/" + parts[0] + "'." + parts[1];
            doc.then().body(base + ".tags", hasItem("Auth"))
                    .body(base + ".description", containsString("Roles:"));
        }
        doc.then().body("paths.'/api/auth/login'.post.responses", hasKey("401"))
                .body("paths.'/api/auth/refresh'.post.responses", hasKey("401"));
    }

    private static Integer countRows(String sql, Object id) {
        io.vertx.mutiny.sqlclient.Pool pool = io.quarkus.arc.Arc.container()
                .instance(io.vertx.mutiny.sqlclient.Pool.class).get();
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(java.time.Duration.ofSeconds(10))
                .iterator().next().getInteger(0);
    }

    static <T> List<T> concurrently(int n, java.util.concurrent.Callable<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
