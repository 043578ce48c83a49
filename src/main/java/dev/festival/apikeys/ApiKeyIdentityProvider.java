package dev.festival.apikeys;

import dev.festival.common.events.BusinessEvents;
import dev.festival.common.security.ApiKeyGrant;
import dev.festival.common.security.Role;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Turns a presented key into an identity: its creator, with the creator's current role narrowed by the
 * key (an ADMIN's key without the ADMIN scope acts as an ORGANIZER), and the {@link ApiKeyGrant}
 * (scopes, festival binding, tier) as an attribute. Unknown, revoked, inactive, expired, used from an
 * address outside its allow-list, or whose creator may no longer sign in → 401.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {
    private static final Logger LOG = Logger.getLogger(ApiKeyIdentityProvider.class);

    @Inject
    ApiKeyCache cache;

    @Inject
    ApiKeyUsage usage;

    @Inject
    BusinessEvents events;

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        String key = request.key();
        if (!ApiKeyService.wellFormed(key)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed API key"));
        }
        return cache.find(ApiKeyService.hash(key)).map(row -> {
            String refusal = refusal(row, request.clientAddress());
            if (refusal != null) {
                events.record("api_key.rejected", "reason", refusal, "keyId", row == null ? null : row.id(),
                        "ip", request.clientAddress());
                throw new AuthenticationFailedException("API key " + refusal);
            }
            usage.record(row.id());
            return identity(row);
        });
    }

    static String refusal(ApiKeyStore.AuthRow row, String clientAddress) {
        if (row == null) {
            return "unknown";
        }
        if (!"ACTIVE".equals(row.status())) {
            return row.status().toLowerCase(java.util.Locale.ROOT);
        }
        if (row.expiresAt() != null && !row.expiresAt().isAfter(OffsetDateTime.now())) {
            return "expired";
        }
        if (!"ACTIVE".equals(row.creatorStatus()) && !"PENDING_VERIFICATION".equals(row.creatorStatus())) {
            return "creator-disabled";
        }
        if (!IpAllowList.allows(row.ipWhitelist(), clientAddress)) {
            return "address-not-allowed";
        }
        return null;
    }

    private static SecurityIdentity identity(ApiKeyStore.AuthRow row) {
        Set<ApiKeyGrant.Scope> scopes = EnumSet.noneOf(ApiKeyGrant.Scope.class);
        for (String s : row.scopes()) {
            ApiKeyGrant.Scope scope = ApiKeyGrant.Scope.parse(s);
            if (scope != null) {
                scopes.add(scope);
            }
        }
        Role role = row.creatorRole() == Role.ADMIN && !scopes.contains(ApiKeyGrant.Scope.ADMIN)
                ? Role.ORGANIZER : row.creatorRole();
        ApiKeyGrant grant = new ApiKeyGrant(row.id(), row.userId(), Set.copyOf(scopes), row.festivalId(), row.tier());
        LOG.debugf("api key %s authenticated for user %s", row.id(), row.userId());
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(row.userId().toString()))
                .addRole(role == null ? Role.USER.name() : role.name())
                .addAttribute(ApiKeyGrant.ATTRIBUTE, grant)
                .build();
    }
}
