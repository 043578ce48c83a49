package dev.festival.users.dto;

import jakarta.validation.constraints.Size;

/** Body of deactivate / reactivate / ban / unban; ban requires the reason (checked by the resource). */
public record StatusChangeRequest(@Size(max = 500) String reason) {
}
