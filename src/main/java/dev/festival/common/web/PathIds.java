package dev.festival.common.web;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Path ids as API.md "Conventions" has them: a path id that is not a UUID names nothing (404
 * ERR_5001), except under /api/payments, /api/users and /api/zones, where clients expect 400
 * ERR_4004. Only the canonical 36-character form counts as a UUID.
 */
public final class PathIds {
    private PathIds() {
    }

    /** The UUID, or null for anything that is not one in canonical form (surrounding blanks ignored). */
    public static UUID uuidOrNull(String raw) {
        String s = raw == null ? null : raw.trim();
        if (s == null || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Not a UUID → 404 ERR_5001 "{what} not found". */
    public static UUID orNotFound(String raw, String what) {
        UUID id = uuidOrNull(raw);
        if (id == null) {
            throw ApiException.notFound(what);
        }
        return id;
    }

    /** Not a UUID → 400 ERR_4004 naming the path parameter. */
    public static UUID orBadRequest(String raw, String name) {
        UUID id = uuidOrNull(raw);
        if (id == null) {
            throw new ApiException(ErrorCode.BAD_PATH_PARAMETER, "Invalid path parameter: " + name,
                    Map.of("fields", List.of(new ApiException.FieldError(name, "must be a UUID"))));
        }
        return id;
    }
}
