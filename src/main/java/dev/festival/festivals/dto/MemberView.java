package dev.festival.festivals.dto;

import dev.festival.common.security.Role;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A festival member (STAFF, CASHIER, SECURITY or co-ORGANIZER). */
@Schema(name = "FestivalMember")
public record MemberView(UUID festivalId, UUID userId, Role role, PersonView user, UUID addedBy,
                         OffsetDateTime createdAt) {
}
