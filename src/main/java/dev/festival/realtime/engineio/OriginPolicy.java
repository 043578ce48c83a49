package dev.festival.realtime.engineio;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open a connection. WebSockets are not covered by CORS, so the server
 * itself refuses a handshake from a foreign page (cross-site WebSocket hijacking with the victim's
 * cookie). No Origin header means a non-browser client (mobile app, scanner): allowed, as is a
 * same-origin page.
 */
public final class OriginPolicy {
    private final boolean any;
    private final Set<String> allowed;

    public OriginPolicy(List<String> origins) {
        this.any = origins.stream().anyMatch(o -> o.trim().equals("*"));
        this.allowed = origins.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String origin, String host) {
        if (origin == null || origin.isBlank() || any) {
            return true;
        }
        String normalised = normalise(origin);
        if (allowed.contains(normalised)) {
            return true;
        }
        if (host != null && !"null".equals(normalised)) {
            try {
                URI uri = URI.create(normalised);
                String authority = uri.getRawAuthority();
                return authority != null && authority.equalsIgnoreCase(host.trim());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private static String normalise(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
