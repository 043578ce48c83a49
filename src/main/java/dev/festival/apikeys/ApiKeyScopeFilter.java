package dev.festival.apikeys;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.security.ApiKeyGrant;
import dev.festival.common.security.ApiKeyHeaders;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Narrows a request authenticated by API key to the key's scopes (READ → GET and HEAD only, WRITE →
 * POST, PUT, PATCH, DELETE → DELETE, ADMIN → all): otherwise 403 ERR_3001. A key never manages keys
 * or its creator's credentials (/api/api-keys, /api/auth/* but GET /api/auth/me): a leaked key cannot
 * mint another one or take over the account.
 */
public class ApiKeyScopeFilter {
    @Inject
    CurrentIdentityAssociation identities;

    @ServerRequestFilter
    public Uni<Void> narrowToScopes(HttpServerRequest request) {
        if (!ApiKeyHeaders.present(request)) {
            return Uni.createFrom().voidItem();
        }
        return identities.getDeferredIdentity().onFailure().recoverWithNull().invoke(identity -> {
            ApiKeyGrant grant = ApiKeyGrant.of(identity);
            if (grant == null) {
                return;
            }
            String method = request.method().name();
            if (!grant.allowsMethod(method)) {
                throw new ApiException(ErrorCode.ROLE_FORBIDDEN, "This API key's scopes " + grant.scopes()
                        + " do not allow " + method + " requests",
                        Map.of("requiredScope", ApiKeyGrant.scopeFor(method).name()));
            }
            String path = request.path();
            if (path.startsWith("/api/api-keys") || (path.startsWith("/api/auth/") && !path.equals("/api/auth/me"))) {
                throw new ApiException(ErrorCode.ROLE_FORBIDDEN,
                        "API keys cannot manage API keys or account credentials; sign in instead");
            }
        }).replaceWithVoid();
    }
}
