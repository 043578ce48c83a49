package dev.festival.festivals;

import dev.festival.festivals.dto.TicketCategorySummary;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fills the festival JSON's {@code ticketCategories} (up to 5 active categories, cheapest first)
 * without festivals depending on ticketing: the ticketing feature provides the bean. With none,
 * the list is empty.
 */
public interface TicketCategorySource {
    /** Summaries per festival id, for every id asked (an empty list when a festival has none). */
    Uni<Map<UUID, List<TicketCategorySummary>>> summaries(Collection<UUID> festivalIds);
}
