package dev.festival.zones;

import com.fasterxml.jackson.databind.JsonNode;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.security.Role;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A zone create or partial update, read field by field from the JSON body so that an explicit null
 * ("unlimited", "no parent", "no hours") differs from an absent field. The result is the set of
 * columns to write. Unknown fields are ignored; wrong types and out-of-range values are 400 ERR_4001.
 */
final class ZoneInput {
    static final Set<String> TICKET_TYPES = Set.of("STANDARD", "VIP", "BACKSTAGE", "CAMPING", "PARKING", "COMBO");
    private static final Pattern ACCESS_LEVEL = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    private static final Pattern DAILY = Pattern.compile("\\d{2}:\\d{2}(:\\d{2})?");
    static final int MAX_NAME = 200;
    static final int MAX_LIST = 100;

    /** Columns to write, in a stable order; values are typed for the PostgreSQL client. */
    final Map<String, Object> columns = new LinkedHashMap<>();
    /** currentOccupancy was set to 0: everybody is marked outside too. */
    boolean resetPresence;
    /** The new parent, when parentZoneId was given and not null (checked against the festival's zones). */
    UUID parentZoneId;

    private ZoneInput() {
    }

    static ZoneInput parse(JsonNode body, boolean create) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw create ? ApiException.invalidField("name", "is required")
                    : new ApiException(ErrorCode.VALIDATION_FAILED, "Validation failed: a JSON object is required");
        }
        if (!body.isObject()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "Validation failed: a JSON object is required");
        }
        ZoneInput in = new ZoneInput();
        if (body.has("name")) {
            String name = text(body, "name");
            if (name == null || name.isBlank()) {
                throw ApiException.invalidField("name", "must not be blank");
            }
            if (name.trim().length() > MAX_NAME) {
                throw ApiException.invalidField("name", "must be at most " + MAX_NAME + " characters");
            }
            in.columns.put("name", name.trim());
        } else if (create) {
            throw ApiException.invalidField("name", "is required");
        }
        if (body.has("description")) {
            String d = text(body, "description");
            in.columns.put("description", d == null || d.isBlank() ? null : d.trim());
        }
        if (body.has("capacity")) {
            in.columns.put("capacity", integer(body, "capacity", 0, Integer.MAX_VALUE, true));
        }
        if (body.has("currentOccupancy")) {
            Integer occ = integer(body, "currentOccupancy", 0, Integer.MAX_VALUE, false);
            in.columns.put("current_occupancy", occ);
            in.resetPresence = occ == 0;
        }
        if (body.has("parentZoneId")) {
            String p = text(body, "parentZoneId");
            UUID parent = p == null || p.isBlank() ? null : uuid("parentZoneId", p);
            in.parentZoneId = parent;
            in.columns.put("parent_zone_id", parent);
        }
        if (body.has("allowedCategoryIds")) {
            List<String> ids = strings(body, "allowedCategoryIds");
            UUID[] out = new UUID[ids.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = uuid("allowedCategoryIds[" + i + "]", ids.get(i));
            }
            in.columns.put("allowed_category_ids", distinct(out));
        }
        if (body.has("requiresTicketType")) {
            in.columns.put("requires_ticket_type", upper(body, "requiresTicketType", TICKET_TYPES));
        }
        String rolesField = body.has("allowedStaffRoles") ? "allowedStaffRoles"
                : body.has("allowedRoles") ? "allowedRoles" : null;
        if (rolesField != null) {
            Set<String> roles = new java.util.HashSet<>();
            for (Role r : Role.values()) {
                roles.add(r.name());
            }
            in.columns.put("allowed_staff_roles", upper(body, rolesField, roles));
        }
        if (body.has("accessLevel")) {
            String level = text(body, "accessLevel");
            String l = level == null || level.isBlank() ? "PUBLIC" : level.trim().toUpperCase(Locale.ROOT);
            if (!ACCESS_LEVEL.matcher(l).matches()) {
                throw ApiException.invalidField("accessLevel", "must be a word of letters, digits and _ (max 32)");
            }
            in.columns.put("access_level", l);
        }
        if (body.has("capacityWarningThreshold")) {
            in.columns.put("capacity_warning_threshold", integer(body, "capacityWarningThreshold", 1, 100, false));
        }
        String activeField = body.has("isActive") ? "isActive" : body.has("active") ? "active" : null;
        if (activeField != null) {
            JsonNode v = body.get(activeField);
            if (!v.isBoolean()) {
                throw ApiException.invalidField(activeField, "must be a boolean");
            }
            in.columns.put("is_active", v.booleanValue());
        }
        hours(in, body, "openingTime", "opens_at", "daily_open");
        hours(in, body, "closingTime", "closes_at", "daily_close");
        return in;
    }

    private static void hours(ZoneInput in, JsonNode body, String field, String absolute, String daily) {
        if (!body.has(field)) {
            return;
        }
        String v = text(body, field);
        if (v == null || v.isBlank()) {
            in.columns.put(absolute, null);
            in.columns.put(daily, null);
            return;
        }
        String s = v.trim();
        try {
            if (DAILY.matcher(s).matches()) {
                in.columns.put(daily, LocalTime.parse(s));
                in.columns.put(absolute, null);
            } else {
                in.columns.put(absolute, OffsetDateTime.parse(s));
                in.columns.put(daily, null);
            }
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be HH:mm or an ISO-8601 date-time with offset");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalidField(field, "must be a string");
        }
        return v.textValue();
    }

    private static Integer integer(JsonNode body, String field, int min, int max, boolean nullable) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (nullable) {
                return null;
            }
            throw ApiException.invalidField(field, "must not be null");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiException.invalidField(field, "must be an integer");
        }
        int i = v.intValue();
        if (i < min || i > max) {
            throw ApiException.invalidField(field, "must be between " + min + " and " + max);
        }
        return i;
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw ApiException.invalidField(field, "must be an array of strings");
        }
        if (v.size() > MAX_LIST) {
            throw ApiException.invalidField(field, "must have at most " + MAX_LIST + " items");
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                throw ApiException.invalidField(field + "[" + i + "]", "must be a string");
            }
            out.add(e.textValue().trim());
        }
        return out;
    }

    private static String[] upper(JsonNode body, String field, Set<String> allowed) {
        List<String> values = strings(body, field);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String u = values.get(i).toUpperCase(Locale.ROOT);
            if (!allowed.contains(u)) {
                throw ApiException.invalidField(field + "[" + i + "]", "must be one of " + new java.util.TreeSet<>(allowed));
            }
            if (!out.contains(u)) {
                out.add(u);
            }
        }
        return out.toArray(String[]::new);
    }

    private static UUID[] distinct(UUID[] ids) {
        return java.util.Arrays.stream(ids).distinct().toArray(UUID[]::new);
    }

    static UUID uuid(String field, String raw) {
        try {
            String s = raw.trim();
            if (s.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be a UUID");
        }
    }
}
