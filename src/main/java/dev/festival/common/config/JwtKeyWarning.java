package dev.festival.common.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

@ApplicationScoped
public class JwtKeyWarning {
    private static final Logger LOG = Logger.getLogger(JwtKeyWarning.class);

    @ConfigProperty(name = EphemeralJwtKeys.MARKER, defaultValue = "false")
    boolean ephemeral;

    void onStart(@Observes StartupEvent event) {
        if (ephemeral) {
            LOG.warn("No JWT key pair configured (SMALLRYE_JWT_SIGN_KEY_LOCATION, MP_JWT_VERIFY_PUBLICKEY_LOCATION):"
                    + " using an ephemeral RSA pair generated at start. Tokens will not survive a restart"
                    + " and will not be accepted by other pods.");
        }
    }
}
