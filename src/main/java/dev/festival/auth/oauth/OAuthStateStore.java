package dev.festival.auth.oauth;

import static dev.festival.common.web.CallerContext.onCallerContext;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A started sign-in, kept server-side in Redis (shared by the pods) until the provider sends the
 * browser back: its provider and PKCE verifier, under the hash of its {@code state}. Taken once
 * (GETDEL): a replayed or forged state finds nothing.
 */
@ApplicationScoped
public class OAuthStateStore {
    /** What the callback needs to finish a sign-in. */
    public record Pending(OAuthProvider provider, String verifier) {}

    @Inject
    ReactiveRedisDataSource redis;

    @ConfigProperty(name = "festival.db.schema")
    String schema;

    private ReactiveValueCommands<String, String> values;

    @PostConstruct
    void init() {
        values = redis.value(String.class, String.class);
    }

    public Uni<Void> save(String state, Pending pending, Duration ttl) {
        return onCallerContext(values.set(key(state), pending.provider().key() + " " + pending.verifier(),
                new SetArgs().px(ttl.toMillis())));
    }

    /** The pending sign-in of this state, removed at once; null when unknown, expired or already used. */
    public Uni<Pending> take(String state) {
        return onCallerContext(values.getdel(key(state)).map(v -> {
            if (v == null) {
                return null;
            }
            int space = v.indexOf(' ');
            OAuthProvider p = space < 0 ? null : OAuthProvider.parse(v.substring(0, space));
            return p == null ? null : new Pending(p, v.substring(space + 1));
        }));
    }

    private String key(String state) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
            return "oauth:state:" + schema + ":" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
