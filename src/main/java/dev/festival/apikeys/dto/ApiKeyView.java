package dev.festival.apikeys.dto;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An API key as API.md shows it: never the key or its hash. {@code status} is EXPIRED once past expiresAt. */
public record ApiKeyView(UUID id, String name, String keyPrefix, List<String> scopes, String tier, String status,
                         UUID festivalId, String description, List<String> ipWhitelist, OffsetDateTime lastUsedAt,
                         long usageCount, OffsetDateTime expiresAt, UUID userId, OffsetDateTime revokedAt,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
