package dev.festival.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Email verification, forgot/reset password and resend verification (API.md "Auth"), mails caught by MockMailbox. */
@QuarkusTest
class AccountRecoveryTest {
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{20,})");

    @Inject
    MockMailbox mailbox;

    static Response post(String path, Map<String, ?> body) {
        return given().contentType(ContentType.JSON).body(body).post(path);
    }

    /** The newest mail to {@code email}, waiting for the background send. */
    Mail awaitMail(String email) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Mail> mails = mailbox.getMailsSentTo(email);
            if (mails != null && !mails.isEmpty()) {
                return mails.get(mails.size() - 1);
            }
            sleep(50);
        }
        throw new AssertionError("no mail to " + email);
    }

    static String token(Mail mail) {
        Matcher m = TOKEN.matcher(mail.getText());
        assertTrue(m.find(), mail.getText());
        return m.group(1);
    }

    @Test
    void registerSendsAVerificationEmailInTheUsersLanguageAndTheLinkVerifiesOnce() {
        String fr = Fixtures.uniqueEmail("verify-fr");
        String en = Fixtures.uniqueEmail("verify-en");
        AuthResourceTest.register(fr, Fixtures.PASSWORD).then().statusCode(201)
                .body("user.emailVerified", equalTo(false)).body("user.status", equalTo("PENDING_VERIFICATION"));
        given().contentType(ContentType.JSON).header("Accept-Language", "en-GB,en;q=0.9,fr;q=0.5")
                .body(Map.of("email", en, "password", Fixtures.PASSWORD, "firstName", "Ada", "lastName", "Lovelace"))
                .post("/api/auth/register").then().statusCode(201);

        Mail french = awaitMail(fr);
        Mail english = awaitMail(en);
        assertEquals("Confirmez votre adresse e-mail", french.getSubject());
        assertTrue(french.getHtml().contains("Bonjour Ada"), french.getHtml());
        assertEquals("Confirm your email address", english.getSubject());
        assertTrue(english.getText().contains("http://localhost:3000/verify-email?token="), english.getText());

        // signing in before verification is allowed
        String access = AuthResourceTest.login(fr, Fixtures.PASSWORD).then().statusCode(200)
                .extract().path("accessToken");

        String token = token(french);
        post("/api/auth/verify-email", Map.of("token", token)).then().statusCode(200).body("success", equalTo(true));
        given().header("Authorization", "Bearer " + access).get("/api/auth/me").then().statusCode(200)
                .body("emailVerified", equalTo(true)).body("status", equalTo("ACTIVE"));
        post("/api/auth/verify-email", Map.of("token", token)).then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001")).body("details.fields[0].field", equalTo("token"));
        post("/api/auth/verify-email", Map.of()).then().statusCode(400);
    }

    @Test
    void resendVerificationAnswersTheSameForAnyEmailAndOnlyTheNewestLinkWorks() {
        String email = Fixtures.uniqueEmail("resend");
        AuthResourceTest.register(email, Fixtures.PASSWORD).then().statusCode(201);
        String first = token(awaitMail(email));
        mailbox.clear();

        Response known = post("/api/auth/resend-verification", Map.of("email", email));
        Response unknown = post("/api/auth/resend-verification", Map.of("email", Fixtures.uniqueEmail("nobody")));
        known.then().statusCode(200).body("success", equalTo(true));
        assertEquals(known.asString(), unknown.asString());
        post("/api/auth/resend-verification", Map.of()).then().statusCode(400).body("errorCode", equalTo("ERR_4001"));

        String second = token(awaitMail(email));
        post("/api/auth/verify-email", Map.of("token", first)).then().statusCode(400);
        post("/api/auth/verify-email", Map.of("token", second)).then().statusCode(200);
        // verified: no further mail
        mailbox.clear();
        post("/api/auth/resend-verification", Map.of("email", email)).then().statusCode(200);
        sleep(300);
        assertTrue(mailbox.getMailsSentTo(email) == null || mailbox.getMailsSentTo(email).isEmpty());
    }

    @Test
    void forgotPasswordAnswersIdenticallyForAKnownAndAnUnknownEmail() {
        Fixtures.Account a = Fixtures.user();
        String unknownEmail = Fixtures.uniqueEmail("ghost");
        mailbox.clear();

        Response known = post("/api/auth/forgot-password", Map.of("email", a.email()));
        Response unknown = post("/api/auth/forgot-password", Map.of("email", unknownEmail));
        known.then().statusCode(200).body("success", equalTo(true));
        unknown.then().statusCode(200);
        assertEquals(known.asString(), unknown.asString());
        assertEquals(known.getHeader("Content-Type"), unknown.getHeader("Content-Type"));
        assertEquals(known.getHeaders().hasHeaderWithName("Set-Cookie"), unknown.getHeaders().hasHeaderWithName("Set-Cookie"));

        Mail mail = awaitMail(a.email());
        assertEquals("Réinitialisez votre mot de passe", mail.getSubject());
        assertTrue(mail.getText().contains("/reset-password?token="), mail.getText());
        assertTrue(mail.getText().contains("1 heure"), mail.getText());
        assertTrue(mailbox.getMailsSentTo(unknownEmail) == null || mailbox.getMailsSentTo(unknownEmail).isEmpty());
    }

    @Test
    void forgotPasswordTakesAboutAsLongForAnUnknownEmail() {
        Fixtures.Account a = Fixtures.user();
        List<Long> known = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            known.add(timed(() -> post("/api/auth/forgot-password", Map.of("email", a.email()))));
            unknown.add(timed(() -> post("/api/auth/forgot-password", Map.of("email", Fixtures.uniqueEmail("ghost")))));
        }
        long k = median(known);
        long u = median(unknown);
        // one statement either way and the mail in the background: within a few milliseconds of each other
        assertTrue(Math.abs(k - u) < Duration.ofMillis(15).toNanos() || (u * 3 > k && k * 3 > u),
                "known " + k / 1000 + " µs, unknown " + u / 1000 + " µs");
    }

    @Test
    void resetPasswordWorksOnceWithinTheHourAndRevokesEverySession() {
        Fixtures.Account a = Fixtures.user();
        Fixtures.Account other = Fixtures.login(a.id(), a.email(), Role.USER);
        mailbox.clear();
        post("/api/auth/forgot-password", Map.of("email", a.email())).then().statusCode(200);
        String token = token(awaitMail(a.email()));
        String digest = TokenService.sha256(token);
        assertEquals(1, count("SELECT count(*) FROM email_tokens WHERE token_hash = $1 AND user_id = $2"
                + " AND expires_at BETWEEN now() + interval '59 minutes' AND now() + interval '61 minutes'", digest, a.id()));
        assertEquals(0, count("SELECT count(*) FROM email_tokens WHERE token_hash = $1", token, null));

        post("/api/auth/reset-password", Map.of("token", token, "newPassword", "weak")).then().statusCode(400)
                .body("details.fields[0].field", equalTo("newPassword"));
        post("/api/auth/reset-password", Map.of("token", token, "newPassword", "Reset2026!ok")).then().statusCode(200)
                .body("success", equalTo(true));

        SessionRevocationTest.meRevoked(a.accessToken());
        SessionRevocationTest.meRevoked(other.accessToken());
        AuthResourceTest.refresh(a.refreshToken()).then().statusCode(401);
        AuthResourceTest.login(a.email(), Fixtures.PASSWORD).then().statusCode(401);
        AuthResourceTest.login(a.email(), "Reset2026!ok").then().statusCode(200);
        post("/api/auth/reset-password", Map.of("token", token, "newPassword", "Again2026!ok")).then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001")).body("details.fields[0].field", equalTo("token"));
    }

    @Test
    void anExpiredOrRetiredResetTokenIsRefused() {
        Fixtures.Account a = Fixtures.user();
        mailbox.clear();
        post("/api/auth/forgot-password", Map.of("email", a.email())).then().statusCode(200);
        String expired = token(awaitMail(a.email()));
        Fixtures.sql("UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
                Tuple.of(TokenService.sha256(expired)));
        post("/api/auth/reset-password", Map.of("token", expired, "newPassword", "Reset2026!ok")).then().statusCode(400);

        mailbox.clear();
        post("/api/auth/forgot-password", Map.of("email", a.email())).then().statusCode(200);
        String older = token(awaitMail(a.email()));
        mailbox.clear();
        post("/api/auth/forgot-password", Map.of("email", a.email())).then().statusCode(200);
        String newer = token(awaitMail(a.email()));
        post("/api/auth/reset-password", Map.of("token", older, "newPassword", "Reset2026!ok")).then().statusCode(400);
        post("/api/auth/reset-password", Map.of("token", newer, "newPassword", "Reset2026!ok")).then().statusCode(200);
        post("/api/auth/reset-password", Map.of("token", UUID.randomUUID().toString(), "newPassword", "Reset2026!ok"))
                .then().statusCode(400);
    }

    @Test
    void aBannedAccountGetsNoResetLink() {
        Fixtures.Account admin = Fixtures.admin();
        Fixtures.Account a = Fixtures.user();
        admin.request().body(Map.of("reason", "fraud")).post("/api/users/" + a.id() + "/ban").then().statusCode(200);
        mailbox.clear();
        post("/api/auth/forgot-password", Map.of("email", a.email())).then().statusCode(200);
        sleep(300);
        assertTrue(mailbox.getMailsSentTo(a.email()) == null || mailbox.getMailsSentTo(a.email()).isEmpty());
    }

    private static long count(String sql, Object a, Object b) {
        io.vertx.mutiny.sqlclient.Pool pool = io.quarkus.arc.Arc.container()
                .instance(io.vertx.mutiny.sqlclient.Pool.class).get();
        Tuple args = b == null ? Tuple.of(a) : Tuple.of(a, b);
        return pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static long timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
