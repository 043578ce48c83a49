package dev.festival.realtime.engineio;

/**
 * What the first HTTP request of a connection carried (Socket.IO's {@code socket.handshake}): the
 * credentials a client may authenticate with besides {@code auth.token}, and where it came from.
 */
public record Handshake(String authorization, String cookieHeader, String origin, String remoteAddress) {
    /** The value of one cookie of the handshake, or null. */
    public String cookie(String name) {
        if (cookieHeader == null) {
            return null;
        }
        for (String part : cookieHeader.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                String value = part.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public String bearerToken() {
        if (authorization == null) {
            return null;
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = value.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
