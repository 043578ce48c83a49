package dev.festival.apikeys.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/api-keys. Enum values in any letter case. */
@Schema(name = "CreateApiKeyRequest")
public record CreateApiKeyRequest(
        @NotBlank @Size(max = 100) String name,
        @Schema(description = "READ (GET), WRITE (POST, PUT, PATCH), DELETE, ADMIN (every method and the creator's"
                + " ADMIN role; ADMIN creators only)")
        @NotEmpty @Size(max = 4) List<@NotBlank @Pattern(regexp = "(?i)^\\s*(READ|WRITE|DELETE|ADMIN)\\s*$",
                message = "must be one of READ, WRITE, DELETE, ADMIN") String> scopes,
        @Schema(description = "FREE (default), STARTER, PRO, ENTERPRISE: the key's rate limit; only an ADMIN sets"
                + " another tier than FREE")
        @Pattern(regexp = "(?i)^\\s*(FREE|STARTER|PRO|ENTERPRISE)\\s*$",
                message = "must be one of FREE, STARTER, PRO, ENTERPRISE") String tier,
        @Schema(description = "Binds the key to this festival (the creator must organise it)")
        @Pattern(regexp = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
                message = "must be a UUID") String festivalId,
        @Size(max = 500) String description,
        @Schema(description = "Client addresses or CIDR ranges allowed to use the key; empty = any")
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> ipWhitelist,
        @Schema(description = "ISO-8601 instant after which the key no longer authenticates")
        String expiresAt) {
}
