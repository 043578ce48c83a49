package dev.festival.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The API.md error body, shared by every layer that can fail a request. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ErrorBody(int statusCode, String errorCode, String error, String message, Object details,
                        String requestId, String timestamp, String path) {
}
