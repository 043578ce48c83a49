package dev.festival.tickets.signing;

import dev.festival.common.crypto.AesGcm;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.SecretKey;

/**
 * Wraps private signing keys at rest with AES-GCM under the KEK from {@code festival.tickets.signing.kek}
 * (the kid is the AAD, so a wrapped key cannot be moved to another row). Without a KEK keys are stored
 * plain ({@code key_wrap = 'none'}) — development only; production sets the KEK from its secret store.
 */
@ApplicationScoped
public class PrivateKeyWrap {
    static final String NONE = "none";
    static final String AES_GCM = "aes-gcm";

    @Inject
    SigningConfig config;

    private SecretKey kek;

    @PostConstruct
    void init() {
        kek = config.kek().filter(s -> !s.isBlank()).map(PrivateKeyWrap::parseKek).orElse(null);
    }

    static SecretKey parseKek(String base64) {
        return AesGcm.parseKey(base64, "festival.tickets.signing.kek");
    }

    /** How new keys are stored: {@link #AES_GCM} when a KEK is configured, else {@link #NONE}. */
    String scheme() {
        return kek == null ? NONE : AES_GCM;
    }

    byte[] wrap(String kid, byte[] pkcs8) {
        if (kek == null) {
            return pkcs8;
        }
        try {
            return AesGcm.seal(kek, kid.getBytes(StandardCharsets.US_ASCII), pkcs8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not wrap a ticket signing key", e);
        }
    }

    byte[] unwrap(String kid, String scheme, byte[] stored) {
        if (NONE.equals(scheme)) {
            return stored;
        }
        if (kek == null) {
            throw new IllegalStateException("Ticket signing key " + kid
                    + " is wrapped but festival.tickets.signing.kek is not set");
        }
        try {
            return AesGcm.open(kek, kid.getBytes(StandardCharsets.US_ASCII), stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not unwrap ticket signing key " + kid + " (wrong KEK?)", e);
        }
    }
}
