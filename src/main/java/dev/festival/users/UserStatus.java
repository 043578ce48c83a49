package dev.festival.users;

import java.util.Locale;

public enum UserStatus {
    ACTIVE, INACTIVE, BANNED, PENDING_VERIFICATION;

    public static UserStatus parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** INACTIVE and BANNED accounts may not sign in (403 ERR_2005). */
    public boolean maySignIn() {
        return this == ACTIVE || this == PENDING_VERIFICATION;
    }
}
