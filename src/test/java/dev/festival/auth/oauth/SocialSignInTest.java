package dev.festival.auth.oauth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.festival.support.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Social sign-in (API.md "Auth") against WireMock standing in for the providers. */
@QuarkusTest
@WithTestResource(value = OAuthProviderMock.class, scope = TestResourceScope.GLOBAL)
class SocialSignInTest {
    /** A started sign-in: the provider's consent URL parameters and the browser's state cookie. */
    record Started(Map<String, String> params, String cookie) {
        String state() {
            return params.get("state");
        }
    }

    static Started start(String provider) {
        Response r = given().redirects().follow(false).get("/api/auth/" + provider);
        r.then().statusCode(302);
        String location = r.header("Location");
        assertTrue(location.startsWith(OAuthProviderMock.base() + "/" + provider + "/authorize?"), location);
        Map<String, String> params = new HashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String setCookie = r.getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("oauth_state=")).findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax")
                && setCookie.contains("Path=/api/auth"), setCookie);
        return new Started(params, r.getCookie("oauth_state"));
    }

    static Response callback(String provider, Started s, String code) {
        return given().redirects().follow(false).cookie("oauth_state", s.cookie())
                .queryParam("code", code).queryParam("state", s.state())
                .get("/api/auth/" + provider + "/callback");
    }

    /** The provider's answers for one sign-in: the code becomes an access token, which reads the account. */
    static void stubGoogle(String code, String email, boolean verified) {
        String token = "tok-" + UUID.randomUUID();
        OAuthProviderMock.server().stubFor(post(urlEqualTo("/google/token"))
                .withFormParam("code", equalTo(code))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\"}")));
        OAuthProviderMock.server().stubFor(get(urlEqualTo("/google/userinfo"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"sub\": \"g-" + code + "\", \"email\": \"" + email + "\", \"email_verified\": "
                                + verified + ", \"given_name\": \"Gina\", \"family_name\": \"Google\"}")));
    }

    static String setCookie(Response r, String name) {
        return r.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElse(null);
    }

    static String cookieValue(Response r, String name) {
        String c = setCookie(r, name);
        return c == null ? null : c.substring(name.length() + 1, c.indexOf(';'));
    }

    @Test
    void providersListsEachWithEnabledAndItsUrl() {
        given().get("/api/auth/providers").then().statusCode(200)
                .body("providers.name", org.hamcrest.Matchers.contains("google", "github", "facebook"))
                .body("providers.find { it.name == 'google' }.enabled", org.hamcrest.Matchers.equalTo(true))
                .body("providers.find { it.name == 'github' }.enabled", org.hamcrest.Matchers.equalTo(true))
                .body("providers.find { it.name == 'facebook' }.enabled", org.hamcrest.Matchers.equalTo(false))
                .body("providers.url", hasItem("http://api.festival.test/api/auth/google"));
    }

    @Test
    void anUnconfiguredProvidersRoutesAnswer404() {
        given().redirects().follow(false).get("/api/auth/facebook").then().statusCode(404)
                .body("errorCode", org.hamcrest.Matchers.equalTo("ERR_1001"));
        given().redirects().follow(false).get("/api/auth/facebook/callback?code=x&state=y").then().statusCode(404);
        given().get("/api/auth/myspace").then().statusCode(404);
    }

    @Test
    void theSignInStartsWithPkceAndAStateBoundToTheBrowser() {
        Started s = start("google");
        assertEquals("code", s.params().get("response_type"));
        assertEquals("google-client", s.params().get("client_id"));
        assertEquals("http://api.festival.test/api/auth/google/callback", s.params().get("redirect_uri"));
        assertEquals("S256", s.params().get("code_challenge_method"));
        assertEquals("openid email profile", s.params().get("scope"));
        assertTrue(s.state().length() >= 43, s.state());
        assertEquals(s.state(), s.cookie());
        assertNotEquals(s.state(), start("google").state());
    }

    private static void assertNotEquals(Object a, Object b) {
        assertFalse(a.equals(b), a + " equals " + b);
    }

    @Test
    void githubSignInCreatesAVerifiedAccountSetsTheCookiesAndRedirectsToTheApp() {
        String id = UUID.randomUUID().toString();
        String email = "octo-" + id + "@festival.test";
        String token = "gho-" + id;
        OAuthProviderMock.server().stubFor(post(urlEqualTo("/github/token")).withFormParam("code", equalTo("gh-" + id))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"" + token + "\", \"scope\": \"read:user,user:email\"}")));
        OAuthProviderMock.server().stubFor(get(urlEqualTo("/github/userinfo"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": 4242, \"login\": \"octo\", \"name\": \"Mona Octocat\"}")));
        OAuthProviderMock.server().stubFor(get(urlEqualTo("/github/emails"))
                .withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("[{\"email\": \"unverified-" + id + "@festival.test\", \"primary\": false,"
                                + " \"verified\": false}, {\"email\": \"" + email.toUpperCase()
                                + "\", \"primary\": true, \"verified\": true}]")));

        Started s = start("github");
        Response done = callback("github", s, "gh-" + id);
        done.then().statusCode(302);
        assertEquals(OAuthProviderMock.APP_URL, done.header("Location"));
        String access = cookieValue(done, "access_token");
        assertNotNull(access, done.getHeaders().toString());
        assertNotNull(cookieValue(done, "refresh_token"));
        assertTrue(setCookie(done, "oauth_state").contains("Max-Age=0"));

        given().cookie("access_token", access).get("/api/auth/me").then().statusCode(200)
                .body("email", org.hamcrest.Matchers.equalTo(email))
                .body("emailVerified", org.hamcrest.Matchers.equalTo(true))
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"))
                .body("firstName", org.hamcrest.Matchers.equalTo("Mona"))
                .body("lastName", org.hamcrest.Matchers.equalTo("Octocat"))
                .body("role", org.hamcrest.Matchers.equalTo("USER"));

        // PKCE: the verifier sent with the code is the one whose S256 the consent URL carried
        List<LoggedRequest> exchanges = OAuthProviderMock.server().findAll(postRequestedFor(urlPathEqualTo("/github/token"))
                .withFormParam("code", equalTo("gh-" + id)));
        assertEquals(1, exchanges.size());
        String body = exchanges.get(0).getBodyAsString();
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertEquals(s.params().get("code_challenge"), OAuthService.challenge(form.get("code_verifier")));
        assertEquals("authorization_code", form.get("grant_type"));
        assertEquals("github-secret", form.get("client_secret"));
        assertEquals(s.params().get("redirect_uri"), form.get("redirect_uri"));

        // a second sign-in finds the same account
        String code2 = "gh2-" + id;
        OAuthProviderMock.server().stubFor(post(urlEqualTo("/github/token")).withFormParam("code", equalTo(code2))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\": \"" + token + "\"}")));
        Response again = callback("github", start("github"), code2);
        again.then().statusCode(302);
        given().cookie("access_token", cookieValue(again, "access_token")).get("/api/auth/me").then()
                .body("email", org.hamcrest.Matchers.equalTo(email));
    }

    @Test
    void aForgedStateIsRefusedAndSetsNoCookie() {
        Started s = start("google");
        stubGoogle("forged-" + s.state(), Fixtures.uniqueEmail("forged"), true);
        // a state the server never issued, even with a matching cookie
        String forged = "forged-" + UUID.randomUUID();
        Response r = given().redirects().follow(false).cookie("oauth_state", forged)
                .queryParam("code", "forged-" + s.state()).queryParam("state", forged)
                .get("/api/auth/google/callback");
        r.then().statusCode(403).body("errorCode", org.hamcrest.Matchers.equalTo("ERR_3004"));
        assertEquals(null, setCookie(r, "access_token"));
        // a real state but started by another browser (no or another cookie)
        given().redirects().follow(false).queryParam("code", "x").queryParam("state", s.state())
                .get("/api/auth/google/callback").then().statusCode(403);
        // a state is single use: the refused attempt above consumed it
        callback("google", s, "forged-" + s.state()).then().statusCode(403);
        // a state started for another provider
        Started gh = start("github");
        callback("google", gh, "x").then().statusCode(403);
        given().redirects().follow(false).get("/api/auth/google/callback?code=x").then().statusCode(403);
        OAuthProviderMock.server().verify(0, postRequestedFor(urlEqualTo("/google/token"))
                .withFormParam("code", equalTo("forged-" + s.state())));
    }

    @Test
    void aReplayedCallbackIsRefused() {
        String email = Fixtures.uniqueEmail("replay");
        String code = "replay-" + UUID.randomUUID();
        stubGoogle(code, email, true);
        Started s = start("google");
        callback("google", s, code).then().statusCode(302);
        callback("google", s, code).then().statusCode(403).body("errorCode", org.hamcrest.Matchers.equalTo("ERR_3004"));
    }

    @Test
    void anExistingVerifiedAccountIsSignedIn() {
        Fixtures.Account user = Fixtures.user();
        String code = "existing-" + UUID.randomUUID();
        stubGoogle(code, user.email(), true);
        Response r = callback("google", start("google"), code);
        r.then().statusCode(302);
        given().cookie("access_token", cookieValue(r, "access_token")).get("/api/auth/me").then()
                .body("id", org.hamcrest.Matchers.equalTo(user.id().toString()));
        // its password still works
        given().contentType(ContentType.JSON).body(Map.of("email", user.email(), "password", Fixtures.PASSWORD))
                .post("/api/auth/login").then().statusCode(200);
    }

    @Test
    void anUnverifiedAccountIsClaimedByTheProvidersProofAndItsPasswordStopsWorking() {
        String email = Fixtures.uniqueEmail("squatted");
        Response reg = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Fixtures.PASSWORD,
                "firstName", "Pre", "lastName", "Registered")).post("/api/auth/register");
        reg.then().statusCode(201);
        String squatterRefresh = reg.path("refreshToken");
        String code = "claim-" + UUID.randomUUID();
        stubGoogle(code, email, true);
        Response r = callback("google", start("google"), code);
        r.then().statusCode(302);
        assertEquals(OAuthProviderMock.APP_URL, r.header("Location"));
        given().cookie("access_token", cookieValue(r, "access_token")).get("/api/auth/me").then()
                .body("id", org.hamcrest.Matchers.equalTo(reg.path("user.id").toString()))
                .body("emailVerified", org.hamcrest.Matchers.equalTo(true))
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"));
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Fixtures.PASSWORD))
                .post("/api/auth/login").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refreshToken", squatterRefresh))
                .post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void refusalsRedirectToTheAppsLoginPageWithAReason() {
        String code = "unverified-" + UUID.randomUUID();
        stubGoogle(code, Fixtures.uniqueEmail("unverified"), false);
        Response unverified = callback("google", start("google"), code);
        unverified.then().statusCode(302);
        assertEquals(OAuthProviderMock.APP_URL + "/login?error=email_not_verified", unverified.header("Location"));
        assertEquals(null, setCookie(unverified, "access_token"));

        Started denied = start("google");
        Response d = given().redirects().follow(false).cookie("oauth_state", denied.cookie())
                .queryParam("error", "access_denied").queryParam("state", denied.state())
                .get("/api/auth/google/callback");
        assertEquals(OAuthProviderMock.APP_URL + "/login?error=access_denied", d.header("Location"));

        String failing = "fail-" + UUID.randomUUID();
        OAuthProviderMock.server().stubFor(post(urlEqualTo("/google/token")).withFormParam("code", equalTo(failing))
                .willReturn(aResponse().withStatus(500)));
        Response error = callback("google", start("google"), failing);
        assertEquals(OAuthProviderMock.APP_URL + "/login?error=provider_error", error.header("Location"));

        Fixtures.Account banned = Fixtures.user();
        Fixtures.sql("UPDATE users SET status = 'BANNED' WHERE id = $1", Tuple.of(banned.id()));
        String bannedCode = "banned-" + UUID.randomUUID();
        stubGoogle(bannedCode, banned.email(), true);
        Response b = callback("google", start("google"), bannedCode);
        assertEquals(OAuthProviderMock.APP_URL + "/login?error=account_disabled", b.header("Location"));
        assertEquals(null, setCookie(b, "access_token"));
    }
}
