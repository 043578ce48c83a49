package dev.festival.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.logging.json.runtime.JsonFormatter;
import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "password=hunter2                      | hunter2",
        "PASSWORD = hunter2                    | hunter2",
        "token: abc.def.ghi                    | abc.def.ghi",
        "accessToken=eyJhbGciOi.x.y            | eyJhbGciOi.x.y",
        "refreshToken=eyJrZWZyZXNo.a.b         | eyJrZWZyZXNo",
        "refresh_token=r-123                   | r-123",
        "cardNumber=4242424242424242           | 4242424242424242",
        "authorization: Bearer eyJ.abc.def     | eyJ.abc.def",
        "Authorization=Basic dXNlcjpwYXNz      | dXNlcjpwYXNz",
        "cookie: access_token=tok1; refresh_token=tok2 | tok1",
        "cookie: access_token=tok1; refresh_token=tok2 | tok2",
        "secret=s3cr3t                         | s3cr3t",
        "clientSecret=pi_123_secret_456        | pi_123_secret_456",
        "x-api-key: fst_live_abcdef            | fst_live_abcdef",
        "newPassword=N3wPass!, email=a@b.fr    | N3wPass!",
    })
    void keyValueSecretsAreMasked(String line, String secret) {
        String redacted = SecretRedaction.redact(line.trim());
        assertFalse(redacted.contains(secret.trim()), redacted);
        assertTrue(redacted.contains(SecretRedaction.MASK), redacted);
    }

    @Test
    void jsonSecretsAreMaskedAndTheRestKept() {
        String json = "{\"email\":\"fan@festival.fr\",\"password\":\"p@ss \\\"word\\\"\",\"accessToken\": \"eyJ.a.b\","
                + "\"refreshToken\":\"eyJ.c.d\",\"cardNumber\":\"4242 4242 4242 4242\",\"firstName\":\"Ana\"}";
        String redacted = SecretRedaction.redact(json);
        assertFalse(redacted.contains("p@ss"), redacted);
        assertFalse(redacted.contains("\\\"word"), redacted);
        assertFalse(redacted.contains("eyJ"), redacted);
        assertFalse(redacted.contains("4242"), redacted);
        assertTrue(redacted.contains("\"email\":\"fan@festival.fr\""), redacted);
        assertTrue(redacted.contains("\"firstName\":\"Ana\""), redacted);
        assertTrue(redacted.contains("\"password\":\"[REDACTED]\""), redacted);
    }

    @Test
    void bearerTokensAreMaskedAnywhere() {
        String redacted = SecretRedaction.redact("calling upstream with Bearer eyJhbGci.payload.sig now");
        assertFalse(redacted.contains("eyJhbGci"), redacted);
        assertTrue(redacted.endsWith(" now"), redacted);
    }

    @Test
    void platformApiKeysAreMaskedAnywhereButTheirPrefixIsKept() {
        String key = "fst_" + "Ab3_-".repeat(8) + "xyz";
        String redacted = SecretRedaction.redact("client sent " + key + " then {\"plaintextKey\":\"" + key
                + "\"} prefix=fst_Ab3_-Ab3");
        assertFalse(redacted.contains(key), redacted);
        assertTrue(redacted.contains("prefix=fst_Ab3_-Ab3"), redacted);
        assertFalse(SecretRedaction.redact("code_verifier=abcdefghijklmnop").contains("abcdefghijklmnop"));
    }

    @Test
    void harmlessTextIsUnchanged() {
        String line = "event=login userId=7f1c tokenCount=3 email=fan@festival.fr status=ACTIVE";
        assertEquals(line, SecretRedaction.redact(line));
        assertEquals(null, SecretRedaction.redact(null));
        assertEquals("", SecretRedaction.redact(""));
    }

    @Test
    void theFilterRedactsFormattedParametersAndJsonOutputStaysRedacted() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "login body %s", ExtLogRecord.FormatStyle.PRINTF,
                SecretRedactionTest.class.getName());
        record.setParameters(new Object[] {"{\"email\":\"a@b.fr\",\"password\":\"Hunter2Secret!\"}"});
        record.setLoggerName("dev.festival.auth");
        assertTrue(new RedactSecretsFilter().isLoggable(record));
        String json = new JsonFormatter().format(record);
        assertFalse(json.contains("Hunter2Secret"), json);
        assertTrue(json.contains("REDACTED"), json);
        assertTrue(json.startsWith("{"), json);
    }
}
