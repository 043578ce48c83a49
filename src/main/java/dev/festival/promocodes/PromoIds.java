package dev.festival.promocodes;

import dev.festival.common.web.PathIds;
import java.util.UUID;

/** Ids read from paths, queries and bodies. */
final class PromoIds {
    private PromoIds() {
    }

    /** A path id that is not a UUID names no promo code: 404 ERR_5001 (API.md "Conventions"). */
    static UUID promoCodeId(String raw) {
        return PathIds.orNotFound(raw, "Promo code");
    }
}
