package dev.festival.festivals.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.festival.festivals.Festival;
import dev.festival.festivals.FestivalStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The API.md festival object. */
@Schema(name = "Festival")
public record FestivalView(UUID id, String name, String slug, String description, String location, String address,
                           String country, OffsetDateTime startDate, OffsetDateTime endDate, String timezone,
                           String currency, int maxCapacity, int currentAttendees, FestivalStatus status,
                           List<String> genres, @JsonProperty("isFeatured") boolean isFeatured, String logoUrl,
                           String bannerUrl, String websiteUrl, String contactEmail, UUID organizerId,
                           PersonView organizer, List<TicketCategorySummary> ticketCategories,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static FestivalView of(Festival f, PersonView organizer) {
        return of(f, organizer, List.of());
    }

    public static FestivalView of(Festival f, PersonView organizer, List<TicketCategorySummary> categories) {
        return new FestivalView(f.id(), f.name(), f.slug(), f.description(), f.location(), f.address(), f.country(),
                f.startDate(), f.endDate(), f.timezone(), f.currency(), f.maxCapacity(), f.currentAttendees(),
                f.status(), f.genres(), f.featured(), f.logoUrl(), f.bannerUrl(), f.websiteUrl(), f.contactEmail(),
                f.organizerId(), organizer, categories == null ? List.of() : categories, f.createdAt(), f.updatedAt());
    }
}
