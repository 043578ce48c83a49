package dev.festival.cashless.dto;

import java.math.BigDecimal;
import java.util.UUID;

/** Per-festival wallet limits (API.md defaults when the festival has none: 5.00, 500.00, 1000.00). */
public record CashlessSettingsView(UUID festivalId, BigDecimal minTopup, BigDecimal maxTopup, BigDecimal maxBalance,
                                   String currency) {
}
