package dev.festival.realtime.socketio;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.realtime.SocketCaller;
import dev.festival.common.security.Role;
import dev.festival.realtime.engineio.Handshake;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who a Socket.IO client is (API.md "Real time"): the access token from {@code auth.token} of the
 * namespace CONNECT, else the handshake's {@code Authorization: Bearer} header, else its
 * {@code access_token} cookie — verified like a REST request's (same parser, issuer, audience,
 * expiry; the verified-token cache included).
 */
@ApplicationScoped
public class SocketAuthenticator {
    public static final String COOKIE = "access_token";

    @Inject
    JWTParser parser;

    public SocketCaller authenticate(String authPayload, Handshake handshake) {
        String token = fromAuth(authPayload);
        if (token == null) {
            token = handshake.bearerToken();
        }
        if (token == null) {
            token = handshake.cookie(COOKIE);
        }
        if (token == null) {
            throw new ApiException(ErrorCode.TOKEN_MISSING,
                    "Authentication required: auth.token, an Authorization Bearer header or the access_token cookie");
        }
        return verify(token);
    }

    /** ERR_2003 unless the token is a valid, unexpired access token. */
    public SocketCaller verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(stripBearer(token));
            UUID id = UUID.fromString(Objects.requireNonNull(jwt.getSubject()));
            Role role = jwt.getGroups() == null ? null
                    : jwt.getGroups().stream().map(Role::parse).filter(Objects::nonNull).findFirst().orElse(null);
            Object email = jwt.getClaim("email");
            return new SocketCaller(id, email == null ? null : email.toString().replace("\"", ""),
                    role == null ? Role.USER : role);
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new ApiException(ErrorCode.TOKEN_INVALID);
        }
    }

    private static String fromAuth(String authPayload) {
        if (authPayload == null || authPayload.isBlank()) {
            return null;
        }
        try {
            Object token = new JsonObject(authPayload).getValue("token");
            return token instanceof String s && !s.isBlank() ? s.trim() : null;
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    private static String stripBearer(String token) {
        String t = token.trim();
        return t.regionMatches(true, 0, "Bearer ", 0, 7) ? t.substring(7).trim() : t;
    }
}
