package dev.festival.tickets.signing;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps private signing keys at rest with AES-GCM under the KEK from {@code festival.tickets.signing.kek}
 * (the kid is the AAD, so a wrapped key cannot be moved to another row). Without a KEK keys are stored
 * plain ({@code key_wrap = 'none'}) — development only; production sets the KEK from its secret store.
 */
@ApplicationScoped
public class PrivateKeyWrap {
    static final String NONE = "none";
    static final String AES_GCM = "aes-gcm";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    SigningConfig config;

    private final SecureRandom random = new SecureRandom();
    private SecretKey kek;

    @PostConstruct
    void init() {
        kek = config.kek().filter(s -> !s.isBlank()).map(PrivateKeyWrap::parseKek).orElse(null);
    }

    static SecretKey parseKek(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("festival.tickets.signing.kek is not valid base64");
        }
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalStateException("festival.tickets.signing.kek must be a 16, 24 or 32-byte AES key");
        }
        return new SecretKeySpec(raw, "AES");
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
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(kid.getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = c.doFinal(pkcs8);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
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
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            c.updateAAD(kid.getBytes(StandardCharsets.US_ASCII));
            return c.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not unwrap ticket signing key " + kid + " (wrong KEK?)", e);
        }
    }
}
