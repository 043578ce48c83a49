package dev.festival.auth.dto;

/** The token part of an auth answer; also the whole answer of POST /api/auth/refresh. */
public record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {
    public static final String BEARER = "Bearer";

    public static TokenResponse bearer(String accessToken, String refreshToken, long expiresIn) {
        return new TokenResponse(accessToken, refreshToken, expiresIn, BEARER);
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + "]";
    }
}
