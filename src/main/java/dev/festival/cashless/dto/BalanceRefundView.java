package dev.festival.cashless.dto;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A recorded balance refund request; {@code iban} is masked to its last four characters. */
public record BalanceRefundView(UUID id, UUID accountId, UUID festivalId, BigDecimal amount, String currency,
                                String iban, String reason, String status, OffsetDateTime createdAt) {
}
