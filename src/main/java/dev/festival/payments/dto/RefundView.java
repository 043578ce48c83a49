package dev.festival.payments.dto;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A refund; {@code amount} is (cents), like the refund requests. */
public record RefundView(UUID id, UUID paymentId,
                         @Schema(type = SchemaType.INTEGER, description = "(cents)") long amount,
                         String currency,
                         @Schema(description = "duplicate fraudulent requested_by_customer event_cancelled"
                                 + " event_postponed partial_attendance quality_issue other") String reason,
                         String explanation,
                         @Schema(description = "PENDING SUCCEEDED FAILED CANCELLED") String status,
                         String providerRefundId, String failureReason, UUID requestedBy,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
