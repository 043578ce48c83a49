package dev.festival.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.festival.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** TOTP two-factor (API.md "Auth"): setup, enable, sign-in with ERR_2006/ERR_2007, recovery codes, disable. */
@QuarkusTest
class TwoFactorTest {

    /** RFC 6238 computed here, independently of the server's code: HMAC-SHA1, 30 s, 6 digits. */
    static String totp(String base32Secret, long step) throws Exception {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer key = ByteBuffer.allocate(base32Secret.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : base32Secret.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                key.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key.array(), "HmacSHA1"));
        byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        int o = h[19] & 0xf;
        int bin = ((h[o] & 0x7f) << 24) | ((h[o + 1] & 0xff) << 16) | ((h[o + 2] & 0xff) << 8) | (h[o + 3] & 0xff);
        return String.format("%06d", bin % 1_000_000);
    }

    static long nowStep() {
        return System.currentTimeMillis() / 1000 / 30;
    }

    static Response login(String email, String code) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", Fixtures.PASSWORD));
        if (code != null) {
            body.put("totpCode", code);
        }
        return given().contentType(ContentType.JSON).body(body).post("/api/auth/login");
    }

    /** A code outside the ±1 window of now. */
    static String wrongCode(String secret) throws Exception {
        long s = nowStep();
        List<String> valid = List.of(totp(secret, s - 1), totp(secret, s), totp(secret, s + 1), totp(secret, s + 2));
        for (int i = 0; ; i++) {
            String c = String.format("%06d", (123456 + i * 7919) % 1_000_000);
            if (!valid.contains(c)) {
                return c;
            }
        }
    }

    /** Sets up and enables 2FA for the account; answers {secret, recoveryCodes}. */
    static Map.Entry<String, List<String>> enable(Fixtures.Account a) throws Exception {
        String secret = a.request().post("/api/auth/2fa/setup").then().statusCode(200).extract().path("secret");
        List<String> codes = a.request().body(Map.of("code", totp(secret, nowStep())))
                .post("/api/auth/2fa/enable").then().statusCode(200).extract().path("recoveryCodes");
        return Map.entry(secret, codes);
    }

    @Test
    void setupAnswersTheSecretItsOtpauthUrlAndAQrCodeAndEnableNeedsTheRightCode() throws Exception {
        Fixtures.Account a = Fixtures.user();
        a.request().get("/api/auth/2fa/status").then().statusCode(200).body("enabled", equalTo(false));
        Response setup = a.request().post("/api/auth/2fa/setup");
        setup.then().statusCode(200)
                .body("otpauthUrl", startsWith("otpauth://totp/Festival%20Platform:"))
                .body("qrCode", startsWith("data:image/png;base64,"));
        String secret = setup.path("secret");
        assertEquals(secret, setup.<String>path("manualEntryKey").replace(" ", ""));
        // the alias answers a fresh secret, replacing the pending one
        String secret2 = a.request().post("/api/auth/2fa/generate").then().statusCode(200).extract().path("secret");

        a.request().body(Map.of("code", wrongCode(secret2))).post("/api/auth/2fa/enable").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"));
        a.request().body(Map.of("code", totp(secret, nowStep()))).post("/api/auth/2fa/enable").then()
                .statusCode(400);
        Response enabled = a.request().body(Map.of("code", totp(secret2, nowStep()))).post("/api/auth/2fa/enable");
        enabled.then().statusCode(200).body("enabled", equalTo(true)).body("recoveryCodes", hasSize(10));
        assertEquals(enabled.<List<String>>path("recoveryCodes"), enabled.<List<String>>path("backupCodes"));

        a.request().get("/api/auth/2fa/status").then().body("enabled", equalTo(true));
        a.request().get("/api/auth/me").then().body("twoFactorEnabled", equalTo(true));
        a.request().post("/api/auth/2fa/setup").then().statusCode(409).body("errorCode", equalTo("ERR_5009"));
    }

    @Test
    void loginWithoutACodeWithAWrongCodeAndWithTheRightCode() throws Exception {
        Fixtures.Account a = Fixtures.user();
        String secret = enable(a).getKey();

        login(a.email(), null).then().statusCode(401).body("errorCode", equalTo("ERR_2006"));
        login(a.email(), wrongCode(secret)).then().statusCode(401).body("errorCode", equalTo("ERR_2007"));
        // the enable consumed this step's code: the next step's is within the window
        String code = totp(secret, nowStep() + 1);
        login(a.email(), code).then().statusCode(200).body("user.twoFactorEnabled", equalTo(true));
        // a code is accepted once
        login(a.email(), code).then().statusCode(401).body("errorCode", equalTo("ERR_2007"));
        // the password is still checked first: no hint about the second factor without it
        given().contentType(ContentType.JSON).body(Map.of("email", a.email(), "password", "Wrong2025!x"))
                .post("/api/auth/login").then().statusCode(401).body("errorCode", equalTo("ERR_2001"));
    }

    @Test
    void theSecretIsSealedAtRestAndAPlainOneFromBeforeTheKeyStillWorks() throws Exception {
        Fixtures.Account a = Fixtures.user();
        String secret = enable(a).getKey();
        String stored = (String) Fixtures.value("SELECT secret FROM user_totp WHERE user_id = $1",
                io.vertx.mutiny.sqlclient.Tuple.of(a.id()));
        org.junit.jupiter.api.Assertions.assertTrue(stored.startsWith(TotpSecrets.SEALED), stored);
        org.junit.jupiter.api.Assertions.assertFalse(stored.contains(secret), "the secret is not readable at rest");
        login(a.email(), totp(secret, nowStep() + 1)).then().statusCode(200);

        // sealed for this user only: moved to another user's row, it does not open
        Fixtures.Account b = Fixtures.user();
        String secretB = enable(b).getKey();
        Fixtures.sql("UPDATE user_totp SET secret = $2 WHERE user_id = $1",
                io.vertx.mutiny.sqlclient.Tuple.of(b.id(), stored));
        login(b.email(), totp(secretB, nowStep() + 1)).then().statusCode(500);

        // a secret stored plain (before a KEK was configured) keeps working
        Fixtures.sql("UPDATE user_totp SET secret = $2, last_step = NULL WHERE user_id = $1",
                io.vertx.mutiny.sqlclient.Tuple.of(b.id(), secretB));
        login(b.email(), totp(secretB, nowStep())).then().statusCode(200);
    }

    @Test
    void aRecoveryCodeWorksOnceInPlaceOfTheCode() throws Exception {
        Fixtures.Account a = Fixtures.user();
        List<String> codes = enable(a).getValue();

        login(a.email(), codes.get(0)).then().statusCode(200);
        login(a.email(), codes.get(0)).then().statusCode(401).body("errorCode", equalTo("ERR_2007"));
        login(a.email(), codes.get(1).toUpperCase().replace("-", "")).then().statusCode(200);

        Fixtures.Account admin = Fixtures.admin();
        admin.request().get("/api/audit-logs?action=2fa.recovery_code_used&userId=" + a.id()).then()
                .statusCode(200).body("meta.total", equalTo(2)).body("data[0].details.remaining", equalTo(8));
    }

    @Test
    void verifyAndDisable() throws Exception {
        Fixtures.Account a = Fixtures.user();
        var enabled = enable(a);
        String secret = enabled.getKey();

        a.request().body(Map.of("code", wrongCode(secret))).post("/api/auth/2fa/verify").then().statusCode(200)
                .body("valid", equalTo(false));
        String next = totp(secret, nowStep() + 1);
        a.request().body(Map.of("code", next)).post("/api/auth/2fa/verify").then().body("valid", equalTo(true));
        a.request().body(Map.of("code", next)).post("/api/auth/2fa/verify").then().body("valid", equalTo(false));

        a.request().body(Map.of("code", wrongCode(secret))).post("/api/auth/2fa/disable").then().statusCode(400);
        a.request().body(Map.of("code", enabled.getValue().get(3))).post("/api/auth/2fa/disable").then()
                .statusCode(200).body("enabled", equalTo(false));
        a.request().get("/api/auth/2fa/status").then().body("enabled", equalTo(false));
        login(a.email(), null).then().statusCode(200).body("user.twoFactorEnabled", equalTo(false));
        a.request().body(Map.of("code", "123456")).post("/api/auth/2fa/disable").then().statusCode(409);

        Fixtures.Account admin = Fixtures.admin();
        admin.request().get("/api/audit-logs?action=2fa&userId=" + a.id() + "&sort=occurredAt:asc").then()
                .statusCode(200).body("data.action", equalTo(List.of("2fa.setup", "2fa.enabled",
                        "2fa.recovery_code_used", "2fa.disabled")));
    }

    @Test
    void twoFactorNeedsAVerifiedEmailAndSaysSo() {
        String email = Fixtures.uniqueEmail("unverified");
        String token = AuthResourceTest.register(email, Fixtures.PASSWORD).then().statusCode(201)
                .extract().path("accessToken");
        given().header("Authorization", "Bearer " + token).post("/api/auth/2fa/setup").then().statusCode(403)
                .body("errorCode", equalTo("ERR_3005")).body("details.feature", equalTo("two-factor"));
        given().post("/api/auth/2fa/setup").then().statusCode(401);
        given().get("/api/auth/2fa/status").then().statusCode(401);
    }
}
