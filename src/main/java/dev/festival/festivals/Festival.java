package dev.festival.festivals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A festival as stored; other features read it through {@link FestivalService#require(UUID)}. */
public record Festival(UUID id, String name, String slug, String description, String location, String address,
                       String country, OffsetDateTime startDate, OffsetDateTime endDate, String timezone,
                       String currency, int maxCapacity, int currentAttendees, FestivalStatus status,
                       List<String> genres, boolean featured, String logoUrl, String bannerUrl, String websiteUrl,
                       String contactEmail, UUID organizerId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
