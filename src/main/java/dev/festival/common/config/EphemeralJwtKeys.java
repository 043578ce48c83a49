package dev.festival.common.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
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
        if (configured(context, "smallrye.jwt.sign.key.location") || configured(context, "smallrye.jwt.sign.key")
                || configured(context, "mp.jwt.verify.publickey.location")
                || configured(context, "mp.jwt.verify.publickey")) {
            return List.of();
        }
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

    private static boolean configured(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
