package dev.festival.festivals.dto;

import java.math.BigDecimal;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GET /api/festivals/:id/stats. Amounts in the festival's currency, major units. */
@Schema(name = "FestivalStats")
public record FestivalStatsView(UUID festivalId, String festivalName, String currency, long ticketsSold,
                                BigDecimal revenue, long totalAttendees, int currentAttendees, int maxCapacity,
                                BigDecimal occupancyRate, Wallet wallet) {
    public record Wallet(long activeAccounts, BigDecimal totalTopups, BigDecimal totalSpent, BigDecimal totalBalance) {}
}
