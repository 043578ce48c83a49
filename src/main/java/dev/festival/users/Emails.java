package dev.festival.users;

import java.util.Locale;

public final class Emails {
    private Emails() {
    }

    /** Trim and lower-case: one account per mailbox, whatever the client typed. */
    public static String normalize(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
