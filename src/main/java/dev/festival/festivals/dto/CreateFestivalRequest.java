package dev.festival.festivals.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /api/festivals. Unknown fields are ignored (tolerant reader). */
@ValidFestivalInput
@Schema(name = "CreateFestivalRequest")
public record CreateFestivalRequest(
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Lower-case letters, digits and dashes; generated from the name when absent")
        @Size(max = 100) String slug,
        @Size(max = 10000) String description,
        @NotBlank @Size(max = 300) String location,
        @Size(max = 500) String address,
        @Size(max = 100) String country,
        @Schema(description = "ISO-8601; without offset it is read in the festival's timezone", example = "2026-07-10T16:00:00+02:00")
        @NotBlank String startDate,
        @Schema(description = "ISO-8601, after startDate", example = "2026-07-12T23:00:00+02:00")
        @NotBlank String endDate,
        @Schema(description = "IANA zone, default Europe/Paris") @Size(max = 64) String timezone,
        @Schema(description = "ISO-4217, any letter case, default EUR") @Size(max = 3) String currency,
        @Schema(description = "Default 10000") @Positive @Max(10_000_000) Integer maxCapacity,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> genres,
        @Schema(description = "Honoured for ADMIN only")
        @JsonProperty("isFeatured") @JsonAlias("featured") Boolean isFeatured,
        @Size(max = 2048) String logoUrl,
        @Size(max = 2048) String bannerUrl,
        @Size(max = 2048) String websiteUrl,
        @Email @Size(max = 320) String contactEmail,
        @Schema(description = "DRAFT (default) or PUBLISHED") String status) implements FestivalInput {

    @Override
    public Set<String> acceptedStatuses() {
        return Set.of("DRAFT", "PUBLISHED");
    }
}
