package dev.festival.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * bcrypt hashing and verification. bcrypt is deliberately slow, so it always runs on a worker
 * thread and answers back on the caller's Vert.x context (Hibernate Reactive needs that context).
 */
@ApplicationScoped
public class PasswordHasher {
    private static final Logger LOG = Logger.getLogger(PasswordHasher.class);

    @Inject
    AuthConfig config;

    @Inject
    Vertx vertx;

    /** Compared against when the email is unknown, so that answer takes as long as a wrong password. */
    private volatile String dummyHash;

    /**
     * Computes the dummy hash right after start on a worker thread (not on the start-up path: one
     * bcrypt at production cost is a few hundred milliseconds), so the first unknown-email login is
     * not faster than the rest.
     */
    void warmUp(@Observes StartupEvent event) {
        vertx.executeBlocking(Uni.createFrom().item(this::dummyHash), false)
                .subscribe().with(h -> { }, e -> LOG.warn("could not precompute the dummy password hash", e));
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> hashNow(password)), false);
    }

    /** True when the password matches; a null hash (unknown account) still costs one bcrypt comparison. */
    public Uni<Boolean> verify(String password, String hash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> verifyNow(password, hash)), false);
    }

    /** Blocking; for start-up code and worker threads only. */
    public String hashNow(String password) {
        return BcryptUtil.bcryptHash(password, config.bcryptCost());
    }

    /** Blocking; for start-up code and worker threads only. */
    public boolean verifyNow(String password, String hash) {
        String against = hash == null ? dummyHash() : hash;
        boolean matches;
        try {
            matches = BcryptUtil.matches(password == null ? "" : password, against);
        } catch (RuntimeException e) {
            // a hash that is not bcrypt (imported account, manual edit) never matches
            LOG.warn("stored password hash is not a readable bcrypt hash");
            matches = false;
        }
        return hash != null && matches;
    }

    private String dummyHash() {
        String h = dummyHash;
        if (h == null) {
            h = BcryptUtil.bcryptHash(UUID.randomUUID().toString(), config.bcryptCost());
            dummyHash = h;
        }
        return h;
    }
}
