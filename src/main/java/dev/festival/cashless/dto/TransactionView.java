package dev.festival.cashless.dto;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One ledger row. {@code amount} is the magnitude moved (always positive); the direction follows from
 * {@code type} and from {@code balanceBefore}/{@code balanceAfter}. {@code refundedAmount} is what has
 * been refunded so far against a PAYMENT; {@code refundOfId} names the payment a REFUND reverses.
 */
public record TransactionView(UUID id, UUID accountId, UUID festivalId, String type, BigDecimal amount,
                              BigDecimal balanceBefore, BigDecimal balanceAfter, String currency,
                              String description, UUID vendorId, UUID cashierId, UUID performedById,
                              UUID paymentId, UUID refundOfId, BigDecimal refundedAmount, String idempotencyKey,
                              Map<String, Object> metadata, OffsetDateTime createdAt) {
}
