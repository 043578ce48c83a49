package dev.festival.zones;

/**
 * The figures derived from a zone's count and capacity, the same everywhere (zone, occupancy, scan
 * answers, Socket.IO events). An unlimited zone (capacity null) is never near or at capacity.
 */
final class Occupancy {
    /** Critical alert level, percent of capacity (the warning level is the zone's threshold). */
    static final int CRITICAL_PERCENT = 95;

    private Occupancy() {
    }

    /** Percent of capacity with one decimal; 0 for an unlimited zone, 100 for a full zone of capacity 0. */
    static double percentage(int occupancy, Integer capacity) {
        if (capacity == null) {
            return 0;
        }
        if (capacity == 0) {
            return 100;
        }
        return Math.round(occupancy * 1000.0 / capacity) / 10.0;
    }

    static boolean atCapacity(int occupancy, Integer capacity) {
        return capacity != null && occupancy >= capacity;
    }

    /** At or above the warning threshold (full zones included). */
    static boolean nearCapacity(int occupancy, Integer capacity, int warningThreshold) {
        return capacity != null && (long) occupancy * 100 >= (long) warningThreshold * capacity;
    }

    static Integer availableSpots(int occupancy, Integer capacity) {
        return capacity == null ? null : Math.max(0, capacity - occupancy);
    }

    /** normal | warning | critical | full | closed — as {@code zone_alert_level} in SQL decides the levels. */
    static String status(int occupancy, Integer capacity, int warningThreshold, boolean active) {
        if (!active) {
            return "closed";
        }
        return switch (level(occupancy, capacity, warningThreshold)) {
            case 3 -> "full";
            case 2 -> "critical";
            case 1 -> "warning";
            default -> "normal";
        };
    }

    /** Mirror of the SQL function {@code zone_alert_level}: 0 none, 1 warning, 2 critical, 3 full. */
    static int level(int occupancy, Integer capacity, int warningThreshold) {
        if (capacity == null || capacity <= 0) {
            return 0;
        }
        if (occupancy >= capacity) {
            return 3;
        }
        if ((long) occupancy * 100 >= (long) CRITICAL_PERCENT * capacity) {
            return 2;
        }
        if ((long) occupancy * 100 >= (long) warningThreshold * capacity) {
            return 1;
        }
        return 0;
    }
}
