package dev.festival.tickets.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** The JDK's built-in EdDSA (no extra library). Sign/verify take ~50–100 µs: fine inline. */
final class Ed25519 {
    static final String ALG = "Ed25519";
    /** X.509 SubjectPublicKeyInfo of an Ed25519 key = this 12-byte prefix + the raw 32-byte key. */
    static final int RAW_KEY_BYTES = 32;

    private Ed25519() {
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALG).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    static byte[] sign(PrivateKey key, byte[] data) {
        try {
            // Signature objects are stateful and not thread-safe: one per call
            Signature s = Signature.getInstance(ALG);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** False for a bad signature or any crypto failure; never throws. */
    static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALG);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static PublicKey publicKey(byte[] x509Der) {
        try {
            return KeyFactory.getInstance(ALG).generatePublic(new X509EncodedKeySpec(x509Der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored Ed25519 public key is unreadable", e);
        }
    }

    static PrivateKey privateKey(byte[] pkcs8Der) {
        try {
            return KeyFactory.getInstance(ALG).generatePrivate(new PKCS8EncodedKeySpec(pkcs8Der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored Ed25519 private key is unreadable", e);
        }
    }

    /** The raw 32-byte public key (RFC 8032 encoding) inside its X.509 DER form. */
    static byte[] raw(byte[] x509Der) {
        return Arrays.copyOfRange(x509Der, x509Der.length - RAW_KEY_BYTES, x509Der.length);
    }
}
