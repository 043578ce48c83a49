package dev.festival.festivals.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * PUT and PATCH /api/festivals/:id, both partial: an absent (or null) field keeps its value.
 * A {@code status} different from the current one follows the same transitions as the
 * publish/unpublish/cancel actions (else 409 ERR_5009).
 */
@ValidFestivalInput
@Schema(name = "UpdateFestivalRequest")
public record UpdateFestivalRequest(
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 200) String name,
        @Size(max = 100) String slug,
        @Size(max = 10000) String description,
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 300) String location,
        @Size(max = 500) String address,
        @Size(max = 100) String country,
        String startDate,
        String endDate,
        @Size(max = 64) String timezone,
        @Size(max = 3) String currency,
        @Positive @Max(10_000_000) Integer maxCapacity,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> genres,
        @Schema(description = "Honoured for ADMIN only")
        @JsonProperty("isFeatured") @JsonAlias("featured") Boolean isFeatured,
        @Size(max = 2048) String logoUrl,
        @Size(max = 2048) String bannerUrl,
        @Size(max = 2048) String websiteUrl,
        @Email @Size(max = 320) String contactEmail,
        String status) implements FestivalInput {

    @Override
    public Set<String> acceptedStatuses() {
        return Set.of("DRAFT", "PUBLISHED", "ONGOING", "COMPLETED", "CANCELLED");
    }
}
