package dev.festival.auth;

import dev.festival.common.security.CurrentUser;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Rejects an access token whose session has been revoked (401 ERR_2003), on every request, also
 * for tokens the verified-token cache ({@code CachingJwtParser}) answers without re-verifying:
 * Quarkus runs augmentors after every authentication, cached or not. Identities that are not a
 * session's access token (no {@code sid} claim: API keys, ...) are left to their own checks.
 */
@ApplicationScoped
public class SessionCheck implements SecurityIdentityAugmentor {
    @Inject
    SessionStates states;

    @Inject
    AccountConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!config.sessionCheck().enabled() || identity.isAnonymous()
                || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Object sid = jwt.getClaim(CurrentUser.SESSION_CLAIM);
        if (sid == null) {
            return Uni.createFrom().item(identity);
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(sid.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed session claim"));
        }
        return states.isLive(sessionId).map(live -> {
            if (!live) {
                throw new AuthenticationFailedException("session revoked");
            }
            return identity;
        });
    }
}
