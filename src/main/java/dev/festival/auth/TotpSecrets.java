package dev.festival.auth;

import dev.festival.common.crypto.AesGcm;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * TOTP secrets at rest ({@code user_totp.secret}): sealed with AES-GCM under
 * {@code festival.account.two-factor.secret-kek} (by default the ticket-signing KEK), the user id as
 * AAD, stored as {@code gcm1:<base64>}. Without a KEK they are stored plain (development only); plain
 * values written before a KEK was set keep working and are sealed when the user sets two-factor up again.
 */
@ApplicationScoped
public class TotpSecrets {
    static final String SEALED = "gcm1:";
    private static final String SETTING = "festival.account.two-factor.secret-kek";

    @Inject
    AccountConfig config;

    private SecretKey kek;

    @PostConstruct
    void init() {
        kek = config.twoFactor().secretKek().filter(s -> !s.isBlank()).map(k -> AesGcm.parseKey(k, SETTING))
                .orElse(null);
    }

    /** What to store for this user's new secret. */
    public String seal(UUID userId, String secret) {
        if (kek == null) {
            return secret;
        }
        try {
            return SEALED + Base64.getEncoder().encodeToString(
                    AesGcm.seal(kek, aad(userId), secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a TOTP secret", e);
        }
    }

    /** The base32 secret behind a stored value (sealed or, from before the KEK, plain). */
    public String open(UUID userId, String stored) {
        if (!stored.startsWith(SEALED)) {
            return stored;
        }
        if (kek == null) {
            throw new IllegalStateException("TOTP secrets are sealed but " + SETTING + " is not set");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(SEALED.length()));
            return new String(AesGcm.open(kek, aad(userId), sealed), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Could not open the TOTP secret of user " + userId + " (wrong KEK?)", e);
        }
    }

    private static byte[] aad(UUID userId) {
        return ("totp:" + userId).getBytes(StandardCharsets.US_ASCII);
    }
}
