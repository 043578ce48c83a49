package dev.festival.auth.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code {code}} of the 2FA endpoints ({@code token} and {@code totpCode} accepted as aliases). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TwoFactorCodeRequest(@NotBlank @Size(max = 64) @JsonAlias({"token", "totpCode"}) String code) {
    @Override
    public String toString() {
        return "TwoFactorCodeRequest[]";
    }
}
