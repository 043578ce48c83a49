package dev.festival.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies each access token once and reuses the verified token until it expires. RS256 verification and
 * claim parsing were ~40% of the CPU of a charge (bench/RESULTS.md); a cash desk sends the same token with
 * every request for its whole lifetime. A cached entry never outlives the token's {@code exp}, so expiry is
 * enforced as before; the cache is bounded (cleared when full) and keyed by the exact token string.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser extends DefaultJWTParser {
    private static final int MAX_ENTRIES = 10_000;
    private static final int MAX_TOKEN_LENGTH = 8192;

    private record Verified(JsonWebToken token, long expiresAtSeconds) {}

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        if (bearerToken == null || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return super.parse(bearerToken);
        }
        long now = System.currentTimeMillis() / 1000;
        Verified hit = verified.get(bearerToken);
        if (hit != null) {
            if (now < hit.expiresAtSeconds()) {
                return hit.token();
            }
            verified.remove(bearerToken);
        }
        JsonWebToken token = super.parse(bearerToken);
        long exp = token.getExpirationTime();
        if (exp > now) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(bearerToken, new Verified(token, exp));
        }
        return token;
    }
}
