package dev.festival.apikeys.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** PATCH /api/api-keys/:id: only the given fields change; the key itself never does. */
@Schema(name = "UpdateApiKeyRequest")
public record UpdateApiKeyRequest(
        @Size(min = 1, max = 100) String name,
        @Size(max = 500) String description,
        @Size(min = 1, max = 4) List<@NotBlank @Pattern(regexp = "(?i)^\\s*(READ|WRITE|DELETE|ADMIN)\\s*$",
                message = "must be one of READ, WRITE, DELETE, ADMIN") String> scopes,
        @Pattern(regexp = "(?i)^\\s*(FREE|STARTER|PRO|ENTERPRISE)\\s*$",
                message = "must be one of FREE, STARTER, PRO, ENTERPRISE") String tier,
        @Schema(description = "ACTIVE or INACTIVE (revoke with POST /api/api-keys/:id/revoke)")
        @Pattern(regexp = "(?i)^\\s*(ACTIVE|INACTIVE)\\s*$", message = "must be ACTIVE or INACTIVE") String status,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> ipWhitelist,
        String expiresAt) {
}
