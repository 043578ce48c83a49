package dev.festival.festivals;

import dev.festival.common.paging.PageRequest;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A parsed festival list request.
 *
 * @param statuses      asked-for statuses, or null for the scope's default
 * @param ownerOrOrganizer restricts to festivals this user owns or co-organises (ORGANIZER on the admin list)
 * @param publicScope   the public list: never drafts, cancelled ones only when asked for
 * @param explicitSort  false: upcoming first (running and future festivals by start date, then past ones,
 *                      most recent first)
 */
public record FestivalQuery(Set<FestivalStatus> statuses, String search, UUID organizerId, String country,
                            OffsetDateTime startDateFrom, OffsetDateTime startDateTo, String genre,
                            boolean featuredOnly, UUID ownerOrOrganizer, boolean publicScope,
                            PageRequest page, boolean explicitSort) {

    /** Canonical text of everything that shapes the answer: the cache key of a public list. */
    public String cacheKey() {
        return String.join("|", "st=" + (statuses == null ? "" : new java.util.TreeSet<>(statuses)),
                "q=" + (search == null ? "" : search.toLowerCase(java.util.Locale.ROOT)),
                "org=" + (organizerId == null ? "" : organizerId),
                "c=" + (country == null ? "" : country.toLowerCase(java.util.Locale.ROOT)),
                "from=" + (startDateFrom == null ? "" : startDateFrom),
                "to=" + (startDateTo == null ? "" : startDateTo),
                "g=" + (genre == null ? "" : genre.toLowerCase(java.util.Locale.ROOT)),
                "f=" + featuredOnly, "p=" + page.page(), "l=" + page.limit(), "o=" + page.offset(),
                "s=" + (explicitSort ? page.sortBy() + ":" + page.direction() : "default"));
    }
}
