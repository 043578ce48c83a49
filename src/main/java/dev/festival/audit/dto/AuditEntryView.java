package dev.festival.audit.dto;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** One audit entry as GET /api/audit-logs answers it. */
public record AuditEntryView(UUID id, OffsetDateTime occurredAt, String action, String outcome, UUID actorId,
                             UUID userId, UUID festivalId, String ipAddress, String userAgent, String requestId,
                             Map<String, Object> details) {
}
