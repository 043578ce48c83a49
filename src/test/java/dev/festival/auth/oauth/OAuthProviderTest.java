package dev.festival.auth.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** How each provider's account answer becomes a profile, and PKCE's S256 (RFC 7636 appendix B). */
class OAuthProviderTest {
    @Test
    void pkceS256MatchesTheRfcExample() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                OAuthService.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void googleNeedsEmailVerified() {
        OAuthProvider.Profile p = OAuthProvider.GOOGLE.profile(new JsonObject().put("sub", "1").put("email", "a@b.c")
                .put("email_verified", true).put("given_name", "A").put("family_name", "B"), null);
        assertTrue(p.emailVerified());
        assertEquals("A", p.firstName());
        assertTrue(OAuthProvider.GOOGLE.profile(new JsonObject().put("email", "a@b.c").put("email_verified", "true"),
                null).emailVerified());
        assertFalse(OAuthProvider.GOOGLE.profile(new JsonObject().put("email", "a@b.c").put("email_verified", false),
                null).emailVerified());
        assertFalse(OAuthProvider.GOOGLE.profile(new JsonObject().put("email", "a@b.c"), null).emailVerified());
    }

    @Test
    void githubTakesThePrimaryVerifiedAddressAndSplitsTheName() {
        JsonArray emails = new JsonArray()
                .add(new JsonObject().put("email", "old@x.y").put("primary", false).put("verified", true))
                .add(new JsonObject().put("email", "main@x.y").put("primary", true).put("verified", true))
                .add(new JsonObject().put("email", "new@x.y").put("primary", false).put("verified", false));
        OAuthProvider.Profile p = OAuthProvider.GITHUB.profile(new JsonObject().put("id", 7).put("login", "mona")
                .put("name", "Mona Lisa Octocat"), emails);
        assertEquals("main@x.y", p.email());
        assertTrue(p.emailVerified());
        assertEquals("Mona Lisa", p.firstName());
        assertEquals("Octocat", p.lastName());
        assertEquals("7", p.subject());
        OAuthProvider.Profile none = OAuthProvider.GITHUB.profile(new JsonObject().put("id", 7).put("login", "mona"),
                new JsonArray().add(new JsonObject().put("email", "x@y.z").put("primary", true).put("verified", false)));
        assertNull(none.email());
        assertFalse(none.emailVerified());
        assertEquals("mona", none.firstName());
    }

    @Test
    void facebookOnlyReturnsConfirmedAddresses() {
        assertTrue(OAuthProvider.FACEBOOK.profile(new JsonObject().put("id", "9").put("email", "f@b.c"), null)
                .emailVerified());
        assertFalse(OAuthProvider.FACEBOOK.profile(new JsonObject().put("id", "9"), null).emailVerified());
        assertEquals(OAuthProvider.GITHUB, OAuthProvider.parse("GitHub"));
        assertNull(OAuthProvider.parse("myspace"));
    }
}
