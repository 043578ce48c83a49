package dev.festival.support.dto;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A support message: the socket's {@code new_message} {id, ticketId, senderId, senderName, senderRole,
 * content, type, createdAt} and the REST shape's {@code message}, {@code isStaff} (API.md "Support").
 */
@RegisterForReflection
public record SupportMessageView(UUID id, UUID ticketId, UUID senderId, String senderName, String senderRole,
                                 String content, String message, String type, boolean isStaff,
                                 OffsetDateTime createdAt) {
}
