package dev.festival.zones;

import io.vertx.mutiny.sqlclient.Row;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** A zone as stored. */
record ZoneRow(UUID id, UUID festivalId, String name, String description, Integer capacity, int currentOccupancy,
               UUID parentZoneId, List<UUID> allowedCategoryIds, List<String> requiresTicketType,
               List<String> allowedStaffRoles, String accessLevel, int capacityWarningThreshold, boolean isActive,
               OffsetDateTime opensAt, OffsetDateTime closesAt, LocalTime dailyOpen, LocalTime dailyClose,
               OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static final String COLUMNS = """
            z.id, z.festival_id, z.name, z.description, z.capacity, z.current_occupancy, z.parent_zone_id,
            z.allowed_category_ids, z.requires_ticket_type, z.allowed_staff_roles, z.access_level,
            z.capacity_warning_threshold, z.is_active, z.opens_at, z.closes_at, z.daily_open, z.daily_close,
            z.created_at, z.updated_at""";

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    static ZoneRow of(Row r) {
        return new ZoneRow(r.getUUID("id"), r.getUUID("festival_id"), r.getString("name"), r.getString("description"),
                r.getInteger("capacity"), r.getInteger("current_occupancy"), r.getUUID("parent_zone_id"),
                list(r.getArrayOfUUIDs("allowed_category_ids")), list(r.getArrayOfStrings("requires_ticket_type")),
                list(r.getArrayOfStrings("allowed_staff_roles")), r.getString("access_level"),
                r.getInteger("capacity_warning_threshold"), r.getBoolean("is_active"),
                r.getOffsetDateTime("opens_at"), r.getOffsetDateTime("closes_at"), r.getLocalTime("daily_open"),
                r.getLocalTime("daily_close"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }

    private static <T> List<T> list(T[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }

    /** openingTime as the client gave it: "HH:mm" (daily) or the date-time. */
    String openingTime() {
        return hours(dailyOpen, opensAt);
    }

    String closingTime() {
        return hours(dailyClose, closesAt);
    }

    private static String hours(LocalTime daily, OffsetDateTime absolute) {
        if (daily != null) {
            return daily.getSecond() == 0 ? daily.format(HH_MM) : daily.format(HH_MM_SS);
        }
        return absolute == null ? null : absolute.toString();
    }
}
