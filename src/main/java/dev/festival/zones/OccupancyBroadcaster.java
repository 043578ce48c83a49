package dev.festival.zones;

import dev.festival.common.realtime.RealtimePublisher;
import dev.festival.zones.dto.ZoneAlertView;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Pushes zone events to the Socket.IO {@code /zones} namespace (rooms {@code zone:<festivalId>:<zoneId>}
 * and {@code festival:<festivalId>:zones}). Occupancy changes are coalesced per zone: the first change
 * arms a timer, and when it fires one {@code occupancy_update} carries the zone's state read then
 * (with the last hour's entries and exits from {@code zone_traffic}) — so a burst of scans costs one
 * small query and one event per zone and interval, not one per scan. Alerts go out at once.
 */
@ApplicationScoped
public class OccupancyBroadcaster {
    static final String NAMESPACE = "/zones";
    private static final Logger LOG = Logger.getLogger(OccupancyBroadcaster.class);

    /** The {@code occupancy_update} payload (API.md "Real time"), with a few extra figures. */
    public record OccupancyUpdate(UUID zoneId, String zoneName, UUID festivalId, int currentOccupancy,
                                  Integer maxCapacity, double occupancyPercentage, String status, String trend,
                                  long entriesLastHour, long exitsLastHour, OffsetDateTime lastUpdate,
                                  Integer availableSpots, boolean isAtCapacity, boolean isNearCapacity) {
    }

    @Inject
    RealtimePublisher publisher;

    @Inject
    ZoneStore store;

    @Inject
    Vertx vertx;

    @Inject
    ZonesConfig config;

    private final ConcurrentHashMap<UUID, Boolean> pending = new ConcurrentHashMap<>();

    static String zoneRoom(UUID festivalId, UUID zoneId) {
        return "zone:" + festivalId + ":" + zoneId;
    }

    static String festivalRoom(UUID festivalId) {
        return "festival:" + festivalId + ":zones";
    }

    /** The zone's occupancy changed: an update goes out within the coalescing interval. */
    void changed(UUID zoneId) {
        if (pending.putIfAbsent(zoneId, Boolean.TRUE) == null) {
            vertx.setTimer(Math.max(1, config.occupancyUpdateInterval().toMillis()), id -> publishNow(zoneId));
        }
    }

    void alert(ZoneAlertView alert) {
        publish(alert.festivalId(), alert.zoneId(), "zone_alert", alert);
    }

    private void publishNow(UUID zoneId) {
        // removed before the read: a change landing during the read arms the next update
        pending.remove(zoneId);
        store.traffic(zoneId).subscribe().with(t -> {
            if (t != null) {
                publish(t.zone().festivalId(), zoneId, "occupancy_update", update(t));
            }
        }, e -> LOG.debugf(e, "occupancy_update of zone %s not published", zoneId));
    }

    static OccupancyUpdate update(ZoneStore.Traffic t) {
        ZoneRow z = t.zone();
        int occ = z.currentOccupancy();
        String trend = t.netLastFiveMinutes() > 0 ? "increasing" : t.netLastFiveMinutes() < 0 ? "decreasing" : "stable";
        return new OccupancyUpdate(z.id(), z.name(), z.festivalId(), occ, z.capacity(),
                Occupancy.percentage(occ, z.capacity()),
                Occupancy.status(occ, z.capacity(), z.capacityWarningThreshold(), z.isActive()), trend,
                t.entriesLastHour(), t.exitsLastHour(), OffsetDateTime.now(ZoneOffset.UTC),
                Occupancy.availableSpots(occ, z.capacity()), Occupancy.atCapacity(occ, z.capacity()),
                Occupancy.nearCapacity(occ, z.capacity(), z.capacityWarningThreshold()));
    }

    private void publish(UUID festivalId, UUID zoneId, String event, Object payload) {
        try {
            publisher.publish(NAMESPACE, zoneRoom(festivalId, zoneId), event, payload);
            publisher.publish(NAMESPACE, festivalRoom(festivalId), event, payload);
        } catch (RuntimeException e) {
            // the publisher promises not to throw; a lost event is still not worth failing a scan for
            LOG.debugf(e, "%s of zone %s not published", event, zoneId);
        }
    }
}
