package dev.festival.tickets;

import dev.festival.festivals.TicketCategorySource;
import dev.festival.festivals.dto.TicketCategorySummary;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Gives the festivals feature its {@code ticketCategories} summaries. */
@ApplicationScoped
public class FestivalCategorySummaries implements TicketCategorySource {
    @Inject
    TicketCategoryService categories;

    @Override
    public Uni<Map<UUID, List<TicketCategorySummary>>> summaries(Collection<UUID> festivalIds) {
        return categories.summaries(festivalIds);
    }
}
