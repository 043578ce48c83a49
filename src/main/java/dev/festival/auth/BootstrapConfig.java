package dev.festival.auth;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * {@code festival.bootstrap.*} (env FESTIVAL_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD): the first ADMIN
 * account, created at start when both are set so that a fresh installation can be administered.
 */
@ConfigMapping(prefix = "festival.bootstrap")
public interface BootstrapConfig {
    Optional<String> adminEmail();

    Optional<String> adminPassword();
}
