package dev.festival.cashless;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One {@code cashless_transactions} row as stored: amounts in signed integer cents. */
record LedgerRow(UUID id, UUID accountId, UUID festivalId, String type, long amountCents, long balanceBeforeCents,
                 long balanceAfterCents, String description, UUID vendorId, UUID cashierId, UUID performedById,
                 UUID paymentId, UUID refundOfId, long refundedCents, String idempotencyKey, String requestHash,
                 JsonObject metadata, OffsetDateTime createdAt) {

    /** Reads the ledger columns of {@code row}; null when the row carries no transaction (LEFT JOIN miss). */
    static LedgerRow from(Row row) {
        UUID id = row.getUUID("id");
        if (id == null) {
            return null;
        }
        Object meta = row.getValue("metadata");
        return new LedgerRow(id, row.getUUID("account_id"), row.getUUID("festival_id"), row.getString("type"),
                row.getLong("amount_cents"), row.getLong("balance_before_cents"), row.getLong("balance_after_cents"),
                row.getString("description"), row.getUUID("vendor_id"), row.getUUID("cashier_id"),
                row.getUUID("performed_by_id"), row.getUUID("payment_id"), row.getUUID("refund_of_id"),
                row.getLong("refunded_cents"), row.getString("idempotency_key"), row.getString("request_hash"),
                meta instanceof JsonObject j ? j : null, row.getOffsetDateTime("created_at"));
    }
}
