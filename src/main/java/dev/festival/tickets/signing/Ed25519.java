package dev.festival.tickets.signing;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 keys are generated and stored through the JDK (PKCS#8 / X.509 DER); signing and
 * verifying use BouncyCastle's RFC 8032 implementation on the raw keys, because the JDK's EdDSA
 * provider takes ~700 µs per operation on these machines (bench/RESULTS.md) against tens of µs.
 */
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

    /**
     * Signs with the private key and its raw public key: passing the public key spares BouncyCastle
     * deriving it from the seed on every signature (a second scalar multiplication, ~half the cost).
     */
    static byte[] sign(PrivateKey key, byte[] rawPublicKey, byte[] data) {
        if (!(key instanceof EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalStateException("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().get();
        byte[] signature = new byte[org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, rawPublicKey, 0, data, 0, data.length, signature, 0);
        Arrays.fill(seed, (byte) 0);
        return signature;
    }

    /**
     * The decoded (and fully validated) public point of a raw public key, computed once per key so
     * that each verification skips the point decompression; null when the key is not a valid point.
     */
    static org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint point(byte[] rawPublicKey) {
        try {
            return org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFullExport(rawPublicKey, 0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** False for a bad signature, an unusable key or any crypto failure; never throws. */
    static boolean verify(org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint key, byte[] data, byte[] signature) {
        try {
            if (key == null || signature == null
                    || signature.length != org.bouncycastle.math.ec.rfc8032.Ed25519.SIGNATURE_SIZE) {
                return false;
            }
            return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, key, data, 0, data.length);
        } catch (RuntimeException e) {
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
