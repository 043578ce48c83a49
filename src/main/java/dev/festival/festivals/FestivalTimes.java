package dev.festival.festivals;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Festival dates and time zones. Clients send ISO-8601 with an offset; a value without offset
 * is read in the festival's time zone, and a bare date means the start of that day (for an end
 * date: its last second), so "2026-07-10".."2026-07-12" covers three whole days.
 */
public final class FestivalTimes {
    public static final String DEFAULT_ZONE = "Europe/Paris";
    /** IANA region ids by lower-case name, so "europe/paris" is accepted and answered canonically. */
    private static final Map<String, String> ZONES = new TreeMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZONES.put(id.toLowerCase(Locale.ROOT), id);
        }
    }

    private FestivalTimes() {
    }

    /** The canonical IANA id, or null when the value is not one (offsets such as "+02:00" are not zones). */
    public static String zone(String value) {
        return value == null ? null : ZONES.get(value.trim().toLowerCase(Locale.ROOT));
    }

    /** Parses a date or date-time; null when the text is none of the accepted forms. */
    public static OffsetDateTime parse(String value, String zone, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        ZoneId zoneId = ZoneId.of(zone == null ? DEFAULT_ZONE : zone);
        try {
            return OffsetDateTime.parse(v).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException ignored) {
            // not an offset date-time; try the local forms below
        }
        try {
            return LocalDateTime.parse(v).atZone(zoneId).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException ignored) {
            // not a local date-time either
        }
        try {
            LocalDate d = LocalDate.parse(v);
            LocalDateTime t = endOfDay ? d.atTime(LocalTime.of(23, 59, 59)) : d.atStartOfDay();
            return t.atZone(zoneId).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
