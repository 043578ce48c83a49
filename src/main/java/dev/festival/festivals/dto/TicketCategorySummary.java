package dev.festival.festivals.dto;

import java.math.BigDecimal;
import java.util.UUID;

/** A festival's {@code ticketCategories} entry; empty until ticketing exists. */
public record TicketCategorySummary(UUID id, String name, BigDecimal price, boolean isActive) {
}
