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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
        // Quarkus also runs this factory at build time and bakes what it gave then (an ephemeral pair:
        // the build has no keys) into the application's run-time defaults, marker included. So at run
        // time an inline key seen together with the baked marker is that build-time pair, not
        // configuration; only locations, the environment and system properties say "configured".
        boolean baked = "true".equals(value(context, MARKER));
        boolean configured = configured(context, "smallrye.jwt.sign.key.location")
                || configured(context, "mp.jwt.verify.publickey.location")
                || (!baked && (configured(context, "smallrye.jwt.sign.key") || configured(context, "mp.jwt.verify.publickey")))
                || outside("smallrye.jwt.sign.key") || outside("mp.jwt.verify.publickey");
        if (configured) {
            // The baked inline keys would shadow the configured ones (an inline public key wins for
            // verification, the key file for signing: no token would verify). Blank them above the
            // baked defaults and below every real source (application.properties 250, environment
            // 300). "NONE" is smallrye-jwt's own "not set" for the public key; the signer reads the
            // location first.
            return List.of(new PropertiesConfigSource(Map.of(
                    "smallrye.jwt.sign.key", "",
                    "mp.jwt.verify.publickey", "NONE",
                    MARKER, "false"), "festival-configured-jwt-keys", 50));
        }
        // a pair of this start (above the baked one, which every run of the build would share)
        return List.of(new GeneratedKeySource());
    }

    private record Pems(String privatePem, String publicPem) {}

    /**
     * The pair is generated once per JVM: Quarkus builds its configuration more than once during
     * start-up, and every build must see the same pair. A cold-JVM RSA key generation costs a few
     * hundred milliseconds, so it runs on its own thread from the first moment the configuration is
     * built, and only a read of one of the two keys waits for it.
     */
    private static final class Generated {
        static final CompletableFuture<Pems> PAIR = CompletableFuture.supplyAsync(Generated::generate,
                runnable -> Thread.ofPlatform().name("ephemeral-jwt-keys").daemon().start(runnable));

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

    /** The generated keys at the lowest ordinal, so any configured key wins. */
    private static final class GeneratedKeySource implements ConfigSource {
        private static final String SIGN_KEY = "smallrye.jwt.sign.key";
        private static final String VERIFY_KEY = "mp.jwt.verify.publickey";
        private static final Set<String> NAMES = Set.of(SIGN_KEY, VERIFY_KEY, MARKER);

        GeneratedKeySource() {
            Generated.PAIR.getClass(); // starts the generation now
        }

        @Override
        public Set<String> getPropertyNames() {
            return NAMES;
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of(SIGN_KEY, getValue(SIGN_KEY), VERIFY_KEY, getValue(VERIFY_KEY), MARKER, "true");
        }

        @Override
        public String getValue(String name) {
            return switch (name) {
                case SIGN_KEY -> Generated.PAIR.join().privatePem();
                case VERIFY_KEY -> Generated.PAIR.join().publicPem();
                case MARKER -> "true";
                default -> null;
            };
        }

        @Override
        public int getOrdinal() {
            return 50;
        }

        @Override
        public String getName() {
            return "festival-ephemeral-jwt-keys";
        }
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    private static boolean configured(ConfigSourceContext context, String name) {
        String value = value(context, name);
        return (value != null && !value.isBlank() && !"NONE".equals(value)) || outside(name);
    }

    /** Set in the environment or as a system property (the factory's context does not always show them). */
    private static boolean outside(String name) {
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
