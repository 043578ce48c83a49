package dev.festival.realtime.socketio;

import dev.festival.common.error.ApiException;
import dev.festival.common.web.PathIds;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The arguments of a client event, read tolerantly: the first argument is usually an object
 * ({@code {festivalId, zoneId}}); a bare string first argument stands for the field asked for
 * ({@code emit("leave_room", "broadcast:…")}). Missing or malformed required fields are ERR_4001.
 */
public final class EventArgs {
    private final JsonArray args;
    private final JsonObject body;

    public EventArgs(JsonArray args) {
        this.args = args == null ? new JsonArray() : args;
        Object first = this.args.isEmpty() ? null : this.args.getValue(0);
        this.body = first instanceof JsonObject o ? o : new JsonObject();
    }

    public JsonObject body() {
        return body;
    }

    public Object first() {
        return args.isEmpty() ? null : args.getValue(0);
    }

    /** A string field, or the bare string argument; null when absent or blank. */
    public String string(String field) {
        Object value = body.getValue(field);
        if (value == null && first() instanceof String s) {
            value = s;
        }
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    public String requiredString(String field, int maxLength) {
        String value = string(field);
        if (value == null) {
            throw ApiException.invalidField(field, "must not be blank");
        }
        if (value.length() > maxLength) {
            throw ApiException.invalidField(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    public String optionalString(String field, int maxLength) {
        String value = string(field);
        if (value != null && value.length() > maxLength) {
            throw ApiException.invalidField(field, "must be at most " + maxLength + " characters");
        }
        return value;
    }

    public UUID uuid(String field) {
        UUID id = optionalUuid(field);
        if (id == null) {
            throw ApiException.invalidField(field, "must not be blank");
        }
        return id;
    }

    public UUID optionalUuid(String field) {
        String value = string(field);
        if (value == null) {
            return null;
        }
        UUID id = PathIds.uuidOrNull(value);
        if (id == null) {
            throw ApiException.invalidField(field, "must be a UUID");
        }
        return id;
    }

    /** A number field, or null; a non-number is ERR_4001. */
    public Double optionalNumber(String field) {
        Object value = body.getValue(field);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        throw ApiException.invalidField(field, "must be a number");
    }
}
