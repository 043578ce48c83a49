package dev.festival.auth.dto;

/** {@code {success: true, message}} as API.md answers logout and the password flows. */
public record SuccessResponse(boolean success, String message) {
    public static SuccessResponse ok(String message) {
        return new SuccessResponse(true, message);
    }
}
