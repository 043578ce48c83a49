package dev.festival.support.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** SupportTicket as API.md "Support" shows it. */
@RegisterForReflection
public record SupportTicketView(UUID id, UUID userId, UUID festivalId, String subject, String description,
                                String status, String priority, UUID assignedTo, OffsetDateTime createdAt,
                                OffsetDateTime updatedAt) {
    public static final String COLUMNS =
            "id, user_id, festival_id, subject, description, status, priority, assigned_to, created_at, updated_at";

    /** The columns qualified by a table alias ("t." + each), for statements joining another relation. */
    public static String columns(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    public static SupportTicketView of(Row row) {
        return new SupportTicketView(row.getUUID("id"), row.getUUID("user_id"), row.getUUID("festival_id"),
                row.getString("subject"), row.getString("description"), row.getString("status"),
                row.getString("priority"), row.getUUID("assigned_to"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
