package dev.festival.tickets.signing;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import dev.festival.tickets.signing.TicketSigner.TicketClaims;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TicketSignerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TicketSigner signer;

    @Inject
    Pool pool;

    private static TicketClaims claims(UUID festivalId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new TicketClaims(UUID.randomUUID(), festivalId, UUID.randomUUID(), 3, now.minus(1, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS));
    }

    private String sign(TicketClaims c) {
        return signer.sign(c).await().atMost(WAIT);
    }

    private TicketClaims verify(String payload) {
        return signer.verify(payload).await().atMost(WAIT);
    }

    private static String kidOf(String payload) {
        return payload.split("\\.")[1];
    }

    @Test
    void signedPayloadVerifiesToTheSameClaims() {
        UUID festival = Fixtures.festival(Fixtures.organizer());
        TicketClaims c = claims(festival);
        String payload = sign(c);
        assertTrue(payload.startsWith("FT1."), payload);
        assertTrue(payload.length() < 220, "compact payload: " + payload.length());
        assertEquals(c, verify(payload));
        TicketClaims noCategory = new TicketClaims(UUID.randomUUID(), festival, null, 0, null, null);
        assertEquals(noCategory, verify(sign(noCategory)));
    }

    @Test
    void tamperedClaimsOrSignatureDoNotVerify() {
        UUID festival = Fixtures.festival(Fixtures.organizer());
        String payload = sign(claims(festival));
        String[] p = payload.split("\\.");
        assertNull(verify(p[0] + "." + p[1] + "." + flip(p[2], 5) + "." + p[3]), "claims changed");
        assertNull(verify(p[0] + "." + p[1] + "." + p[2] + "." + flip(p[3], 10)), "signature changed");
        // a later revision (re-issued QR) cannot be forged from an earlier one
        byte[] raw = Base64.getUrlDecoder().decode(p[2]);
        ByteBuffer.wrap(raw).putInt(48, 4);
        String forged = p[0] + "." + p[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "." + p[3];
        assertNull(verify(forged));
    }

    @Test
    void garbageAndUnknownKeysAnswerNullNeverAnError() {
        UUID festival = Fixtures.festival(Fixtures.organizer());
        String good = sign(claims(festival));
        String[] p = good.split("\\.");
        List<String> garbage = new ArrayList<>(Arrays.asList(null, "", " ", "FT1", "FT1.", "FT1...", "FT2" + good.substring(3),
                good + ".x", good.substring(0, good.length() - 1), "FT1.ab cd." + p[2] + "." + p[3],
                "FT1." + p[1] + ".%%%%." + p[3], "FT1." + p[1] + "." + p[2] + ".====", "x".repeat(10_000),
                "FT1.unknownKid00." + p[2] + "." + p[3], "FT1." + "k".repeat(65) + "." + p[2] + "." + p[3],
                UUID.randomUUID().toString(), "{\"t\":1}", "FT1." + p[1] + "." + p[2].substring(4) + "." + p[3]));
        for (String g : garbage) {
            assertNull(verify(g), "must be null: " + g);
        }
    }

    @Test
    void outOfRangeDatesAndNonCanonicalEncodingsAnswerNull() {
        UUID festival = Fixtures.festival(Fixtures.organizer());
        String good = sign(claims(festival));
        String[] p = good.split("\\.");
        byte[] raw = Base64.getUrlDecoder().decode(p[2]);
        ByteBuffer.wrap(raw).putLong(52, Long.MAX_VALUE);
        String farFuture = p[0] + "." + p[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw)
                + "." + p[3];
        assertNull(verify(farFuture), "a date no Instant can hold is no ticket");
        // the signature's last base64 character carries padding bits: flipping one keeps the bytes
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = p[3].charAt(p[3].length() - 1);
        char twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String variant = p[0] + "." + p[1] + "." + p[2] + "." + p[3].substring(0, p[3].length() - 1) + twin;
        assertNull(verify(variant), "one canonical payload per ticket revision");
        org.junit.jupiter.api.Assertions.assertNotNull(verify(good), "the canonical payload still verifies");
    }

    @Test
    void aPayloadNamesItsOwnFestivalAndCannotBeReboundToAnother() {
        UUID a = Fixtures.festival(Fixtures.organizer());
        UUID b = Fixtures.festival(Fixtures.organizer());
        String payloadA = sign(claims(a));
        String payloadB = sign(claims(b));
        assertNotEquals(kidOf(payloadA), kidOf(payloadB), "keys are per festival");
        assertEquals(a, verify(payloadA).festivalId());
        // claims rewritten to festival B, still under A's kid and signature
        String[] p = payloadA.split("\\.");
        byte[] raw = Base64.getUrlDecoder().decode(p[2]);
        ByteBuffer.wrap(raw).putLong(16, b.getMostSignificantBits()).putLong(24, b.getLeastSignificantBits());
        String rebound = p[0] + "." + p[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw) + "." + p[3];
        assertNull(verify(rebound));
        // B's kid on A's claims and signature
        assertNull(verify(p[0] + "." + kidOf(payloadB) + "." + p[2] + "." + p[3]));
    }

    @Test
    void afterRotationOldTicketsStillVerifyAndNewOnesUseTheNewKey() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String before = sign(claims(festival));
        Response rotated = org.request().post("/api/festivals/" + festival + "/ticket-keys/rotate");
        rotated.then().statusCode(200).body("keys", hasSize(2));
        String after = sign(claims(festival));
        assertNotEquals(kidOf(before), kidOf(after));
        assertEquals(rotated.path("currentKid"), kidOf(after));
        assertNotNull(verify(before));
        assertNotNull(verify(after));

        Response keys = RestAssured.get("/api/festivals/" + festival + "/ticket-keys");
        keys.then().statusCode(200).body("keys", hasSize(2)).body("currentKid", equalTo(kidOf(after)))
                .body("keys.find { it.kid == '" + kidOf(before) + "' }.current", equalTo(false))
                .body("keys.find { it.kid == '" + kidOf(before) + "' }.retiredAt", notNullValue())
                .body("keys.find { it.kid == '" + kidOf(after) + "' }.alg", equalTo("Ed25519"))
                .body("keys.find { it.kid == '" + kidOf(after) + "' }.retiredAt", nullValue());
    }

    @Test
    void scannerVerifiesOfflineWithOnlyThePublicKeyAndRejectsATamperedPayload() throws Exception {
        UUID festival = Fixtures.festival(Fixtures.organizer());
        TicketClaims c = claims(festival);
        String payload = sign(c);
        Map<String, Object> key = RestAssured.get("/api/festivals/" + festival + "/ticket-keys")
                .then().statusCode(200).extract().path("keys[0]");
        assertEquals(kidOf(payload), key.get("kid"));
        byte[] raw = Base64.getDecoder().decode((String) key.get("publicKey"));
        assertEquals(32, raw.length);

        // a scanner's own implementation of the documented format, using only the raw public key
        assertTrue(offlineVerify(payload, raw, festival));
        String[] p = payload.split("\\.");
        assertTrue(!offlineVerify(p[0] + "." + p[1] + "." + flip(p[2], 30) + "." + p[3], raw, festival));
        // the DER form is the same key
        byte[] der = Base64.getDecoder().decode((String) key.get("publicKeyDer"));
        assertEquals(HexFormat.of().formatHex(raw), HexFormat.of().formatHex(Arrays.copyOfRange(der, 12, 44)));
    }

    private static boolean offlineVerify(String payload, byte[] rawKey, UUID expectedFestival) throws Exception {
        String[] p = payload.split("\\.");
        if (p.length != 4 || !p[0].equals("FT1")) {
            return false;
        }
        byte[] spki = ByteBuffer.allocate(44).put(HexFormat.of().parseHex("302a300506032b6570032100")).put(rawKey).array();
        PublicKey pk = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(pk);
        s.update((p[0] + "." + p[1] + "." + p[2]).getBytes(StandardCharsets.US_ASCII));
        if (!s.verify(Base64.getUrlDecoder().decode(p[3]))) {
            return false;
        }
        ByteBuffer claims = ByteBuffer.wrap(Base64.getUrlDecoder().decode(p[2]));
        claims.position(16);
        UUID festival = new UUID(claims.getLong(), claims.getLong());
        claims.position(52);
        long validFrom = claims.getLong();
        long validUntil = claims.getLong();
        long now = Instant.now().getEpochSecond();
        return festival.equals(expectedFestival) && validFrom <= now && now <= validUntil;
    }

    @Test
    void concurrentFirstUsesCreateExactlyOneKeyAndItIsWrappedAtRest() {
        UUID festival = Fixtures.festival(Fixtures.organizer());
        List<Uni<String>> signs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            signs.add(signer.sign(claims(festival)));
        }
        List<String> payloads = Uni.join().all(signs).andFailFast().await().atMost(WAIT);
        Set<String> kids = new HashSet<>();
        payloads.forEach(p -> {
            kids.add(kidOf(p));
            assertNotNull(verify(p));
        });
        assertEquals(1, kids.size());
        Row row = pool.preparedQuery("SELECT count(*) AS n, min(key_wrap) AS wrap FROM ticket_signing_keys WHERE festival_id = $1")
                .execute(Tuple.of(festival)).await().atMost(WAIT).iterator().next();
        assertEquals(1L, row.getLong("n"));
        assertEquals("aes-gcm", row.getString("wrap"), "the test profile sets a KEK");
    }

    @Test
    void onlyTheFestivalsOrganisersRotateItsKeys() {
        Account owner = Fixtures.organizer();
        UUID festival = Fixtures.festival(owner);
        RestAssured.given().post("/api/festivals/" + festival + "/ticket-keys/rotate").then().statusCode(401);
        Fixtures.organizer().request().post("/api/festivals/" + festival + "/ticket-keys/rotate").then().statusCode(403);
        Fixtures.user().request().post("/api/festivals/" + festival + "/ticket-keys/rotate").then().statusCode(403);
        Account coOrganiser = Fixtures.user();
        Fixtures.member(festival, coOrganiser, dev.festival.common.security.Role.ORGANIZER);
        coOrganiser.request().post("/api/festivals/" + festival + "/ticket-keys/rotate").then().statusCode(200)
                .body("keys", hasSize(1)); // no key yet: rotation just makes the first one
        Fixtures.admin().request().post("/api/festivals/" + festival + "/ticket-keys/rotate").then().statusCode(200)
                .body("keys", hasSize(2));
        RestAssured.get("/api/festivals/" + UUID.randomUUID() + "/ticket-keys").then().statusCode(404)
                .body("errorCode", equalTo("ERR_5001"));
        RestAssured.get("/api/festivals/not-a-uuid/ticket-keys").then().statusCode(404);
    }

    private static String flip(String s, int i) {
        char c = s.charAt(i);
        char r = c == 'A' ? 'B' : 'A';
        return s.substring(0, i) + r + s.substring(i + 1);
    }
}
