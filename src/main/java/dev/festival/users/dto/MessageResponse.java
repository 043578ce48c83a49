package dev.festival.users.dto;

/** {@code {message}} answers, e.g. DELETE /api/users/:id. */
public record MessageResponse(String message) {
}
