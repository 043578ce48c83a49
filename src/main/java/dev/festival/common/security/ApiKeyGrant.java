package dev.festival.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What an API key allows (API.md "API keys"): the key acts as its creator, narrowed to its scopes
 * and, when bound, to one festival. Carried as an attribute of the request's {@link SecurityIdentity};
 * read here by the common security code (scopes by method, festival binding in {@link FestivalAccess}).
 *
 * @param tier the key's rate-limit tier (FREE, STARTER, PRO, ENTERPRISE)
 */
public record ApiKeyGrant(UUID keyId, UUID userId, Set<Scope> scopes, UUID festivalId, String tier) {
    public static final String ATTRIBUTE = "festival.api-key";

    public enum Scope {
        /** GET and HEAD. */
        READ,
        /** POST, PUT and PATCH. */
        WRITE,
        /** DELETE. */
        DELETE,
        /** Every method, and the creator's ADMIN role (without it an ADMIN's key acts as an ORGANIZER). */
        ADMIN;

        public static Scope parse(String value) {
            if (value == null) {
                return null;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** The grant of an identity authenticated by API key, else null. */
    public static ApiKeyGrant of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return null;
        }
        Object grant = identity.getAttribute(ATTRIBUTE);
        return grant instanceof ApiKeyGrant g ? g : null;
    }

    /** Whether the scopes allow an HTTP method. OPTIONS is always allowed (no effect). */
    public boolean allowsMethod(String method) {
        if (scopes.contains(Scope.ADMIN)) {
            return true;
        }
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> scopes.contains(Scope.READ);
            case "POST", "PUT", "PATCH" -> scopes.contains(Scope.WRITE);
            case "DELETE" -> scopes.contains(Scope.DELETE);
            case "OPTIONS" -> true;
            default -> false;
        };
    }

    /** The scope an HTTP method needs (for the refusal message). */
    public static Scope scopeFor(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> Scope.READ;
            case "DELETE" -> Scope.DELETE;
            default -> Scope.WRITE;
        };
    }
}
