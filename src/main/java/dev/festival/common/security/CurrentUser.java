package dev.festival.common.security;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of this request, as the access token describes them. */
@RequestScoped
public class CurrentUser {
    /** Claim carrying the session a token belongs to. */
    public static final String SESSION_CLAIM = "sid";

    @Inject
    SecurityIdentity identity;

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    public UUID id() {
        requireAuthenticated();
        try {
            String subject = identity.getPrincipal() instanceof JsonWebToken jwt
                    ? jwt.getSubject() : identity.getPrincipal().getName();
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.TOKEN_INVALID);
        }
    }

    /** The user id, or null for an anonymous caller. */
    public UUID idOrNull() {
        return isAuthenticated() ? id() : null;
    }

    public Role role() {
        if (identity.isAnonymous()) {
            return null;
        }
        return identity.getRoles().stream().map(Role::parse).filter(r -> r != null).findFirst().orElse(null);
    }

    public boolean isAdmin() {
        return role() == Role.ADMIN;
    }

    public String email() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return jwt.getClaim("email");
        }
        return null;
    }

    /** The API key this request is authenticated with (its scopes, festival binding, tier), or null. */
    public ApiKeyGrant apiKey() {
        return ApiKeyGrant.of(identity);
    }

    public UUID sessionId() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object sid = jwt.getClaim(SESSION_CLAIM);
            if (sid != null) {
                return UUID.fromString(sid.toString().replace("\"", ""));
            }
        }
        return null;
    }

    private void requireAuthenticated() {
        if (identity.isAnonymous()) {
            throw new ApiException(ErrorCode.TOKEN_MISSING);
        }
    }
}
