package dev.festival.realtime.socketio;

import dev.festival.auth.AccountConfig;
import dev.festival.auth.SessionStates;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.realtime.SocketCaller;
import dev.festival.common.security.CurrentUser;
import dev.festival.common.security.Role;
import dev.festival.realtime.engineio.Handshake;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
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

    @Inject
    SessionStates sessions;

    @Inject
    AccountConfig accountConfig;

    public SocketCaller authenticate(String authPayload, Handshake handshake) {
        return verify(token(authPayload, handshake));
    }

    /**
     * As {@link #authenticate}, and refused (ERR_2003) when the token's session has been revoked
     * (logout, ban, password change, ...): the REST session check, applied to a connection.
     */
    public Uni<SocketCaller> authenticateLive(String authPayload, Handshake handshake) {
        return verifyLive(token(authPayload, handshake));
    }

    /** As {@link #verify}, and refused when the token's session has been revoked. */
    public Uni<SocketCaller> verifyLive(String token) {
        JsonWebToken jwt = parse(token);
        SocketCaller caller = caller(jwt);
        Object sid = jwt.getClaim(CurrentUser.SESSION_CLAIM);
        if (sid == null || !accountConfig.sessionCheck().enabled()) {
            return Uni.createFrom().item(caller);
        }
        UUID sessionId;
        try {
            sessionId = UUID.fromString(sid.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.TOKEN_INVALID);
        }
        return sessions.isLive(sessionId).map(live -> {
            if (!live) {
                throw new ApiException(ErrorCode.TOKEN_INVALID, "This session has been signed out");
            }
            return caller;
        });
    }

    private static String token(String authPayload, Handshake handshake) {
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
        return token;
    }

    /** ERR_2003 unless the token is a valid, unexpired access token. */
    public SocketCaller verify(String token) {
        return caller(parse(token));
    }

    private JsonWebToken parse(String token) {
        try {
            return parser.parse(stripBearer(token));
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new ApiException(ErrorCode.TOKEN_INVALID);
        }
    }

    private static SocketCaller caller(JsonWebToken jwt) {
        try {
            UUID id = UUID.fromString(Objects.requireNonNull(jwt.getSubject()));
            Role role = jwt.getGroups() == null ? null
                    : jwt.getGroups().stream().map(Role::parse).filter(Objects::nonNull).findFirst().orElse(null);
            Object email = jwt.getClaim("email");
            return new SocketCaller(id, email == null ? null : email.toString().replace("\"", ""),
                    role == null ? Role.USER : role);
        } catch (IllegalArgumentException | NullPointerException e) {
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
