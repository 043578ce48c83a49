package dev.festival.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private static List<String> rules(String password) {
        return PasswordPolicy.violations("password", password).stream().map(PasswordPolicy.Violation::rule).toList();
    }

    @Test
    void aStrongPasswordPasses() {
        assertTrue(PasswordPolicy.isStrong("Festival2025!"));
        assertTrue(PasswordPolicy.isStrong("Abcdefg1"));
        assertEquals(List.of(), rules("Éléphant9"));
    }

    @Test
    void eachMissingIngredientIsNamed() {
        assertEquals(List.of("minLength"), rules("Abcdef1"));
        assertEquals(List.of("uppercase"), rules("abcdefg1"));
        assertEquals(List.of("lowercase"), rules("ABCDEFG1"));
        assertEquals(List.of("digit"), rules("Abcdefgh"));
        assertEquals(List.of("minLength", "uppercase", "digit"), rules("abc"));
        assertEquals(List.of("required"), rules(""));
        assertEquals(List.of("required"), rules(null));
    }

    @Test
    void longerThanBcryptCanReadIsRefused() {
        assertEquals(List.of("maxLength"), rules("Aa1" + "x".repeat(70)));
        assertFalse(PasswordPolicy.isStrong("Aa1" + "x".repeat(70)));
        assertTrue(PasswordPolicy.isStrong("Aa1" + "x".repeat(69)));
    }

    @Test
    void requireThrowsA400NamingTheField() {
        ApiException e = assertThrows(ApiException.class, () -> PasswordPolicy.require("newPassword", "weak"));
        assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
        @SuppressWarnings("unchecked")
        List<PasswordPolicy.Violation> fields = (List<PasswordPolicy.Violation>) ((Map<String, Object>) e.details())
                .get("fields");
        assertTrue(fields.stream().allMatch(v -> v.field().equals("newPassword")));
        assertTrue(fields.stream().anyMatch(v -> v.rule().equals("uppercase")));
    }
}
