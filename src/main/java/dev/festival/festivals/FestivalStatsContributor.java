package dev.festival.festivals;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Lets later features (ticketing, cashless, access control) add their figures to
 * GET /api/festivals/:id/stats without festivals depending on them: each is a CDI bean
 * implementing this interface, and the answers are summed. A null part field means "not mine".
 */
public interface FestivalStatsContributor {
    record Part(Long ticketsSold, Long revenueCents, Long checkedIn, Long walletAccounts, Long walletTopupsCents,
                Long walletSpentCents, Long walletBalanceCents) {}

    Uni<Part> contribute(UUID festivalId);
}
