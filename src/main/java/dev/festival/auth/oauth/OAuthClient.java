package dev.festival.auth.oauth;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The two calls of the authorization-code flow, on the Vert.x web client (non-blocking): the code
 * exchange at the token endpoint (with the PKCE verifier, client_secret_post) and the account
 * lookup at the userinfo endpoint (GitHub: plus its address list).
 */
@ApplicationScoped
public class OAuthClient {
    /** A provider answered something unusable (status, body); the sign-in is refused. */
    public static class ProviderException extends RuntimeException {
        ProviderException(String message) {
            super(message, null, false, false);
        }
    }

    /** The endpoints and credentials of one configured provider. */
    public record Registration(OAuthProvider provider, String clientId, String clientSecret, String authorizationUri,
                               String tokenUri, String userInfoUri, String emailsUri, java.util.List<String> scopes) {}

    @Inject
    Vertx vertx;

    @Inject
    OAuthConfig config;

    private WebClient client;

    @PostConstruct
    void init() {
        client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("festival-platform")
                .setConnectTimeout((int) config.timeout().toMillis())
                .setFollowRedirects(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Exchanges the code for an access token. */
    public Uni<String> exchange(Registration r, String code, String redirectUri, String verifier) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", redirectUri)
                .add("client_id", r.clientId())
                .add("client_secret", r.clientSecret())
                .add("code_verifier", verifier);
        return client.postAbs(r.tokenUri())
                .putHeader("Accept", "application/json")
                .timeout(config.timeout().toMillis())
                .sendForm(form)
                .map(response -> {
                    JsonObject body = json(response, "token");
                    String token = body.getString("access_token");
                    if (token == null || token.isBlank()) {
                        throw new ProviderException(r.provider().key() + " token answer without access_token"
                                + (body.getString("error") == null ? "" : ": " + body.getString("error")));
                    }
                    return token;
                });
    }

    /** The account behind an access token. */
    public Uni<OAuthProvider.Profile> profile(Registration r, String accessToken) {
        Uni<JsonObject> user = get(r.userInfoUri(), accessToken, "userinfo").map(b -> b.toJsonObject());
        Uni<JsonArray> emails = r.emailsUri() == null ? Uni.createFrom().nullItem()
                : get(r.emailsUri(), accessToken, "emails").map(b -> b.toJsonArray());
        return Uni.combine().all().unis(user, emails).asTuple()
                .map(t -> r.provider().profile(t.getItem1(), t.getItem2()));
    }

    private Uni<io.vertx.core.buffer.Buffer> get(String uri, String accessToken, String what) {
        return client.getAbs(uri)
                .bearerTokenAuthentication(accessToken)
                .putHeader("Accept", "application/json")
                .timeout(config.timeout().toMillis())
                .send()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new ProviderException(what + " answered HTTP " + response.statusCode());
                    }
                    return response.body() == null ? io.vertx.core.buffer.Buffer.buffer("{}")
                            : response.body().getDelegate();
                });
    }

    private static JsonObject json(HttpResponse<Buffer> response, String what) {
        if (response.statusCode() != 200) {
            throw new ProviderException(what + " endpoint answered HTTP " + response.statusCode());
        }
        try {
            return response.bodyAsJsonObject();
        } catch (RuntimeException e) {
            throw new ProviderException(what + " endpoint answered no JSON object");
        }
    }
}
