package dev.festival.payments;

import dev.festival.common.web.PathIds;
import dev.festival.common.error.ApiException;
import dev.festival.common.money.Money;
import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;

/** Exact parsing of the payments wire formats: ids, decimal amounts, integer cents, URLs. */
final class RequestParsing {
    private RequestParsing() {
    }

    /** A path id under /api/payments: not a UUID → 400 ERR_4004 (API.md "Conventions"). */
    static UUID pathId(String value, String name) {
        return PathIds.orBadRequest(value, name);
    }

    /** An optional UUID body field; malformed → 400 ERR_4001 naming it. */
    static UUID optionalId(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be a UUID");
        }
    }

    static UUID requiredId(String value, String field) {
        UUID id = optionalId(value, field);
        if (id == null) {
            throw ApiException.invalidField(field, "is required");
        }
        return id;
    }

    /** A decimal amount in major units, > 0, at most 2 decimals → cents. */
    static long positiveAmount(BigDecimal amount, String field) {
        long cents = Money.toCents(amount, field);
        if (cents <= 0) {
            throw ApiException.invalidField(field, "must be greater than 0");
        }
        return cents;
    }

    /** A (cents) field: an integer number of minor units. */
    static long cents(BigDecimal value, String field) {
        if (value == null) {
            throw ApiException.invalidField(field, "is required");
        }
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw ApiException.invalidField(field, "must be an integer number of cents");
        }
    }

    static String requiredUrl(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        try {
            URI uri = URI.create(value.trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be an http(s) URL");
        }
        return value.trim();
    }

    static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        return value.trim();
    }
}
