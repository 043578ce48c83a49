package dev.festival.users;

import dev.festival.common.error.ApiException;

/**
 * Stand-in for the auth feature's password policy (API.md "Auth": ≥ 8 characters with an upper-
 * case letter, a lower-case letter and a digit) until that is merged; then this delegates to it.
 */
final class PasswordRules {
    private PasswordRules() {
    }

    /** 400 ERR_4001 on {@code field}, naming the rule that failed. */
    static void check(String field, String password) {
        String rule = null;
        if (password == null || password.length() < 8) {
            rule = "must be at least 8 characters long";
        } else if (password.chars().noneMatch(Character::isUpperCase)) {
            rule = "must contain an upper-case letter";
        } else if (password.chars().noneMatch(Character::isLowerCase)) {
            rule = "must contain a lower-case letter";
        } else if (password.chars().noneMatch(Character::isDigit)) {
            rule = "must contain a digit";
        }
        if (rule != null) {
            throw ApiException.invalidField(field, rule);
        }
    }
}
