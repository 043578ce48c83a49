package dev.festival.common.security;

import java.util.Locale;

/** Platform roles (API.md "Users"). */
public enum Role {
    ADMIN, ORGANIZER, STAFF, CASHIER, SECURITY, USER;

    /** Tolerant parse: any letter case; null when unknown. */
    public static Role parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
