package dev.festival.auth;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one password strength rule (API.md "Auth"): at least 8 characters with an upper-case
 * letter, a lower-case letter and a digit. Used by register, the bootstrap admin and every
 * later password change or reset.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 8;
    /** bcrypt only reads the first 72 bytes; a longer password would be silently truncated. */
    public static final int MAX_BYTES = 72;

    /** One failed rule; {@code rule} is the machine-readable name, {@code message} the English one. */
    public record Violation(String field, String message, String rule) {}

    private PasswordPolicy() {
    }

    /** Every rule the password fails, in a stable order; empty when it is strong enough. */
    public static List<Violation> violations(String field, String password) {
        List<Violation> out = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            out.add(new Violation(field, "must not be blank", "required"));
            return out;
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            out.add(new Violation(field, "must be at least " + MIN_LENGTH + " characters long", "minLength"));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            out.add(new Violation(field, "must be at most " + MAX_BYTES + " bytes long", "maxLength"));
        }
        if (password.chars().noneMatch(Character::isUpperCase)) {
            out.add(new Violation(field, "must contain an uppercase letter", "uppercase"));
        }
        if (password.chars().noneMatch(Character::isLowerCase)) {
            out.add(new Violation(field, "must contain a lowercase letter", "lowercase"));
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            out.add(new Violation(field, "must contain a digit", "digit"));
        }
        return out;
    }

    public static boolean isStrong(String password) {
        return violations("password", password).isEmpty();
    }

    /** 400 ERR_4001 with {@code details.fields} naming each failed rule. */
    public static void require(String field, String password) {
        List<Violation> failed = violations(field, password);
        if (!failed.isEmpty()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Password is too weak", Map.of("fields", failed));
        }
    }
}
