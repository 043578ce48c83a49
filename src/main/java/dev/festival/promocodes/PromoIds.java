package dev.festival.promocodes;

import dev.festival.common.error.ApiException;
import java.util.UUID;

/** Ids read from paths, queries and bodies. */
final class PromoIds {
    private PromoIds() {
    }

    static UUID uuidOrNull(String s) {
        if (s == null || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A path id that is not a UUID names no promo code: 404 ERR_5001 (API.md "Conventions"). */
    static UUID promoCodeId(String raw) {
        UUID id = uuidOrNull(raw == null ? null : raw.trim());
        if (id == null) {
            throw ApiException.notFound("Promo code");
        }
        return id;
    }
}
