package dev.festival.common.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * When no JWT key is configured (smallrye.jwt.sign.key[.location] and
 * mp.jwt.verify.publickey[.location]), supplies an RSA pair generated at start, inline, at the
 * lowest ordinal so any configured key wins. {@link JwtKeyWarning} logs the WARN: such tokens do
 * not survive a restart and are not accepted by other pods.
 */
public class EphemeralJwtKeys implements ConfigSourceFactory {
    public static final String MARKER = "festival.jwt.ephemeral-keys";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (configured(context, "smallrye.jwt.sign.key.location") || configured(context, "smallrye.jwt.sign.key")
                || configured(context, "mp.jwt.verify.publickey.location")
                || configured(context, "mp.jwt.verify.publickey")) {
            // Quarkus also runs this factory at build time and bakes what it gave then (an ephemeral
            // pair, the build having no keys) into the application's run-time defaults. Those inline
            // keys would shadow the configured locations (an inline public key wins for verification,
            // the key file for signing: no token would verify), so blank them above the baked defaults
            // and below every real source (application.properties 250, environment 300). "NONE" is
            // smallrye-jwt's own "not set" value for the public key; the signer reads the location first.
            return List.of(new PropertiesConfigSource(Map.of(
                    "smallrye.jwt.sign.key", "",
                    "mp.jwt.verify.publickey", "NONE",
                    MARKER, "false"), "festival-configured-jwt-keys", 50));
        }
        return List.of(new PropertiesConfigSource(Map.of(
                "smallrye.jwt.sign.key", Generated.PAIR.privatePem(),
                "mp.jwt.verify.publickey", Generated.PAIR.publicPem(),
                MARKER, "true"), "festival-ephemeral-jwt-keys", 50));
    }

    private record Pems(String privatePem, String publicPem) {}

    /**
     * Generated once per JVM (holder idiom): Quarkus builds its configuration more than once
     * during start-up, and every build must see the same pair; a cold-JVM RSA key generation
     * also costs hundreds of milliseconds, so it must not run twice.
     */
    private static final class Generated {
        static final Pems PAIR = generate();

        private static Pems generate() {
            KeyPair pair;
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                pair = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("RSA unavailable", e);
            }
            return new Pems(pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        }
    }

    private static boolean configured(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (value != null && value.getValue() != null && !value.getValue().isBlank()) {
            return true;
        }
        // The factory's context does not always see the environment (the packaged jar in prod did
        // not): without this, SMALLRYE_JWT_SIGN_KEY_LOCATION signed with the file's key while the
        // ephemeral public key verified, and no token was ever accepted.
        String env = System.getenv(name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        String property = System.getProperty(name);
        return (env != null && !env.isBlank()) || (property != null && !property.isBlank());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
