package dev.festival.apikeys.dto;

import java.time.OffsetDateTime;
import java.util.Map;

/** GET /api/api-keys/stats over the caller's keys (an ADMIN's: every key). */
public record ApiKeyStats(long total, long active, long inactive, long revoked, long expired, long totalUsage,
                          OffsetDateTime lastUsedAt, Map<String, Long> byTier) {
}
