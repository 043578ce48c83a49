package dev.festival.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B test vectors, RFC 4226 appendix D, and the acceptance window. */
class TotpTest {
    private static final byte[] SEED_SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEED_SHA512 = ("12345678901234567890123456789012345678901234567890123456789012"
            + "34").getBytes(StandardCharsets.US_ASCII);

    private static final long[] TIMES = {59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L};
    private static final String[] SHA1 = {"94287082", "07081804", "14050471", "89005924", "69279037", "65353130"};
    private static final String[] SHA256 = {"46119246", "68084774", "67062674", "91819424", "90698825", "77737706"};
    private static final String[] SHA512 = {"90693936", "25091201", "99943326", "93441116", "38618901", "47863826"};

    @Test
    void rfc6238TestVectors() {
        for (int i = 0; i < TIMES.length; i++) {
            long step = Totp.step(Instant.ofEpochSecond(TIMES[i]));
            assertEquals(SHA1[i], Totp.hotp(SEED_SHA1, step, 8, "HmacSHA1"), "SHA1 T=" + TIMES[i]);
            assertEquals(SHA256[i], Totp.hotp(SEED_SHA256, step, 8, "HmacSHA256"), "SHA256 T=" + TIMES[i]);
            assertEquals(SHA512[i], Totp.hotp(SEED_SHA512, step, 8, "HmacSHA512"), "SHA512 T=" + TIMES[i]);
        }
    }

    @Test
    void rfc4226SixDigitVectorsThroughTheBase32Secret() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
                "399871", "520489"};
        String secret = Totp.base32(SEED_SHA1);
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", secret);
        for (int counter = 0; counter < expected.length; counter++) {
            assertEquals(expected[counter], Totp.code(secret, counter));
        }
    }

    @Test
    void base32RoundTripsAndNewSecretsAre160Bits() {
        byte[] data = {0, 1, 2, (byte) 0xff, 42, 7, 99};
        assertArrayEquals(data, Totp.unbase32(Totp.base32(data)));
        String secret = Totp.newSecret();
        assertEquals(32, secret.length());
        assertEquals(20, Totp.unbase32(secret).length);
        assertFalse(secret.equals(Totp.newSecret()));
    }

    @Test
    void acceptsTheCodesOfTheNeighbouringStepsOnly() {
        String secret = Totp.newSecret();
        long now = 1_000_000;
        assertEquals(now, Totp.matchingStep(secret, Totp.code(secret, now), now).getAsLong());
        assertEquals(now - 1, Totp.matchingStep(secret, Totp.code(secret, now - 1), now).getAsLong());
        assertEquals(now + 1, Totp.matchingStep(secret, Totp.code(secret, now + 1), now).getAsLong());
        // a code two steps away may by chance equal a neighbour's; compare its step instead of only the result
        String stale = Totp.code(secret, now - 2);
        assertTrue(Totp.matchingStep(secret, stale, now).isEmpty()
                || Math.abs(Totp.matchingStep(secret, stale, now).getAsLong() - now) <= 1);
        assertTrue(Totp.matchingStep(secret, "12345", now).isEmpty());
        assertTrue(Totp.matchingStep(secret, "abcdef", now).isEmpty());
        assertTrue(Totp.matchingStep(secret, null, now).isEmpty());
        String spaced = Totp.code(secret, now).substring(0, 3) + " " + Totp.code(secret, now).substring(3);
        assertTrue(Totp.matchingStep(secret, spaced, now).isPresent());
    }

    @Test
    void otpauthUrlCarriesIssuerAccountAndParameters() {
        String url = Totp.otpauthUrl("Festival Platform", "ada@festival.test", "ABCDEF");
        assertEquals("otpauth://totp/Festival%20Platform:ada%40festival.test?secret=ABCDEF&issuer=Festival%20Platform"
                + "&algorithm=SHA1&digits=6&period=30", url);
    }

    @Test
    void recoveryCodesAreTenDistinct80BitCodes() {
        var codes = TwoFactorService.newRecoveryCodes();
        assertEquals(10, codes.size());
        assertEquals(10, new java.util.HashSet<>(codes).size());
        for (String c : codes) {
            assertTrue(c.matches("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}"), c);
            assertEquals(c.replace("-", ""), TwoFactorService.normalizeRecoveryCode(c.toUpperCase()));
        }
        assertEquals(null, TwoFactorService.normalizeRecoveryCode("123456"));
    }
}
