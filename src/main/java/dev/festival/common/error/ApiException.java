package dev.festival.common.error;

import java.util.Map;

/** The one exception business code throws; the mappers turn it into the API.md error body. */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final Object details;

    public ApiException(ErrorCode code) {
        this(code, code.defaultMessage(), null);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, Object details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
    }

    public ErrorCode code() { return code; }

    public Object details() { return details; }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    /** 400 ERR_4001 naming one field, as a bean-validation failure would. */
    public static ApiException invalidField(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "Validation failed",
                Map.of("fields", java.util.List.of(new FieldError(field, message))));
    }

    public record FieldError(String field, String message) {}
}
