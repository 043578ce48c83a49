package dev.festival.festivals.dto;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/festivals/:id/members: the user by id or by email. */
@Schema(name = "AddFestivalMemberRequest")
public record AddMemberRequest(
        @Schema(description = "UUID of the user; or give email")
        @Pattern(regexp = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
                message = "must be a UUID") String userId,
        @Email @Size(max = 320) String email,
        @Schema(description = "STAFF, CASHIER, SECURITY or ORGANIZER (any letter case)")
        @NotBlank
        @Pattern(regexp = "(?i)^\\s*(STAFF|CASHIER|SECURITY|ORGANIZER)\\s*$",
                message = "must be one of STAFF, CASHIER, SECURITY, ORGANIZER") String role) {
}
