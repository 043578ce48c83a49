package dev.festival.cashless.dto;

import java.math.BigDecimal;

/** Partial update of a festival's wallet limits; absent fields keep their value. */
public record CashlessSettingsRequest(BigDecimal minTopup, BigDecimal maxTopup, BigDecimal maxBalance) {
}
