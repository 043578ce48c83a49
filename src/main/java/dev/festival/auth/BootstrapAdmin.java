package dev.festival.auth;

import dev.festival.common.security.Role;
import dev.festival.users.Emails;
import dev.festival.users.UserService;
import dev.festival.users.UserStatus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Ensures the bootstrap ADMIN (festival.bootstrap.admin-email / -password) exists at start.
 * Created ACTIVE and verified when absent; an existing account with that email is left exactly
 * as it is (never re-promoted, re-activated or given the configured password again), so a
 * restart cannot undo what an administrator changed. INSERT ... ON CONFLICT DO NOTHING makes
 * several pods starting at once safe. A weak or half-configured setting fails the start.
 */
@ApplicationScoped
public class BootstrapAdmin {
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @Inject
    BootstrapConfig config;

    @Inject
    UserService users;

    @Inject
    PasswordHasher hasher;

    /** The validated bootstrap settings. */
    record Settings(String email, String password) {}

    void onStart(@Observes StartupEvent event) {
        settings(config.adminEmail(), config.adminPassword()).ifPresent(this::ensure);
    }

    /**
     * Empty when neither key is set; the normalised settings when both are valid; otherwise an
     * IllegalStateException whose message tells the operator what to fix (the start fails).
     */
    static Optional<Settings> settings(Optional<String> adminEmail, Optional<String> adminPassword) {
        Optional<String> email = adminEmail.map(Emails::normalize).filter(e -> !e.isEmpty());
        Optional<String> password = adminPassword.filter(p -> !p.isEmpty());
        if (email.isEmpty() && password.isEmpty()) {
            return Optional.empty();
        }
        if (email.isEmpty() || password.isEmpty()) {
            throw new IllegalStateException("Bootstrap admin: set both festival.bootstrap.admin-email and"
                    + " festival.bootstrap.admin-password (FESTIVAL_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD), or neither");
        }
        if (!email.get().matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalStateException("Bootstrap admin: festival.bootstrap.admin-email is not an email address");
        }
        List<PasswordPolicy.Violation> weak = PasswordPolicy.violations("password", password.get());
        if (!weak.isEmpty()) {
            throw new IllegalStateException("Bootstrap admin: festival.bootstrap.admin-password is too weak; it "
                    + weak.stream().map(PasswordPolicy.Violation::message).collect(Collectors.joining(", ")));
        }
        return Optional.of(new Settings(email.get(), password.get()));
    }

    /** Blocking: runs at start-up on the main thread (or a test thread), never on the event loop. */
    void ensure(Settings settings) {
        // start-up runs on the main thread: blocking here (bcrypt, one INSERT) is allowed and bounded
        UserService.EnsuredUser admin = users.createIfAbsent(new UserService.NewUser(settings.email(),
                        hasher.hashNow(settings.password()), "Platform", "Admin", null, Role.ADMIN, UserStatus.ACTIVE, true))
                .await().atMost(Duration.ofSeconds(30));
        if (admin == null) {
            LOG.info("bootstrap.admin created concurrently by another instance");
        } else if (admin.created()) {
            LOG.infof("bootstrap.admin created userId=%s", admin.id());
        } else if (admin.role() != Role.ADMIN || admin.status() != UserStatus.ACTIVE) {
            LOG.warnf("bootstrap.admin account exists but is %s/%s; left unchanged userId=%s",
                    admin.role(), admin.status(), admin.id());
        } else {
            LOG.debugf("bootstrap.admin exists userId=%s", admin.id());
        }
    }
}
