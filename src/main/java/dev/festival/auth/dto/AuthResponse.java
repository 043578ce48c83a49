package dev.festival.auth.dto;

import dev.festival.users.dto.UserView;

/**
 * Answer of register and login: the token fields appear both under {@code tokens} and at the
 * top level, since existing clients read either.
 */
public record AuthResponse(UserView user, TokenResponse tokens, String accessToken, String refreshToken,
                           long expiresIn, String tokenType) {
    public static AuthResponse of(UserView user, TokenResponse tokens) {
        return new AuthResponse(user, tokens, tokens.accessToken(), tokens.refreshToken(), tokens.expiresIn(),
                tokens.tokenType());
    }

    @Override
    public String toString() {
        return "AuthResponse[user=" + (user == null ? null : user.id()) + "]";
    }
}
