package dev.festival.zones;

import com.fasterxml.jackson.databind.JsonNode;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.events.BusinessEvents;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.Role;
import dev.festival.zones.dto.AccessLogView;
import dev.festival.zones.dto.FestivalOccupancyView;
import dev.festival.zones.dto.OccupancyView;
import dev.festival.zones.dto.ZoneAlertView;
import dev.festival.zones.dto.ZoneView;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Zones of a festival (API.md "Zones"): managed by the festival's owner or an ADMIN (PATCH also by
 * its SECURITY members, who open, close and resize zones during the event); read publicly; the
 * access log and alerts for the festival's crew.
 */
@ApplicationScoped
public class ZoneService {
    static final Set<String> LOG_SORTABLE = Set.of("timestamp", "scannedAt", "createdAt");

    @Inject
    ZoneStore store;

    @Inject
    FestivalAccess access;

    @Inject
    BusinessEvents events;

    @Inject
    OccupancyBroadcaster broadcaster;

    // ------------------------------------------------------------------ reads (public)

    /** A page of the festival's zones (API.md list envelope), by name unless sorted otherwise. */
    public Uni<Page<ZoneView>> list(UUID festivalId, PageRequest page, String search) {
        String s = search == null || search.isBlank() ? null : search.trim();
        return requireFestival(festivalId)
                .chain(() -> store.page(festivalId, s, ZoneStore.ZONE_SORT.get(page.sortBy()), page.ascending(),
                        page.limit(), page.offset()))
                .map(p -> Page.of(p.rows().stream().map(ZoneService::view).toList(), p.total(), page));
    }

    /** Every zone of the festival (the occupancy overview). */
    private Uni<List<ZoneView>> all(UUID festivalId) {
        return requireFestival(festivalId).chain(() -> store.byFestival(festivalId))
                .map(rows -> rows.stream().map(ZoneService::view).toList());
    }

    private Uni<Void> requireFestival(UUID festivalId) {
        return store.festivalExists(festivalId).map(exists -> {
            if (!exists) {
                throw ApiException.notFound("Festival");
            }
            return null;
        });
    }

    public Uni<ZoneView> get(UUID zoneId) {
        return require(zoneId).map(ZoneService::view);
    }

    public Uni<OccupancyView> occupancy(UUID zoneId) {
        return require(zoneId).map(ZoneService::occupancy);
    }

    public Uni<FestivalOccupancyView> festivalOccupancy(UUID festivalId) {
        return all(festivalId).map(views -> {
            List<OccupancyView> zones = views.stream().map(v -> new OccupancyView(v.id(), v.name(), v.festivalId(),
                    v.currentOccupancy(), v.capacity(), v.occupancyPercentage(), v.isAtCapacity(), v.isNearCapacity(),
                    v.availableSpots(), Occupancy.status(v.currentOccupancy(), v.capacity(),
                            v.capacityWarningThreshold(), v.isActive()), v.isActive())).toList();
            long total = zones.stream().mapToLong(OccupancyView::currentOccupancy).sum();
            List<Integer> caps = zones.stream().map(OccupancyView::capacity).filter(c -> c != null).toList();
            Long capacity = caps.isEmpty() ? null : caps.stream().mapToLong(Integer::longValue).sum();
            int full = (int) zones.stream().filter(OccupancyView::isAtCapacity).count();
            int near = (int) zones.stream().filter(OccupancyView::isNearCapacity).count();
            return new FestivalOccupancyView(festivalId, total, capacity, zones.size(), full, near, zones,
                    OffsetDateTime.now(ZoneOffset.UTC));
        });
    }

    // ------------------------------------------------------------------ management

    public Uni<ZoneView> create(UUID festivalId, JsonNode body) {
        ZoneInput in = ZoneInput.parse(body, true);
        UUID id = UUID.randomUUID();
        return access.require(festivalId, FestivalAccess.Level.OWNER)
                .chain(g -> checkParent(festivalId, null, in))
                .chain(() -> store.insert(id, festivalId, in.columns))
                .onFailure(ZoneService::isWindowViolation).transform(e -> windowError())
                .invoke(z -> events.record("zone.created", "zoneId", z.id(), "festivalId", festivalId))
                .map(ZoneService::view);
    }

    /** PUT (owner, ADMIN) or PATCH (also SECURITY members): both partial. */
    public Uni<ZoneView> update(UUID zoneId, JsonNode body, boolean patch) {
        ZoneInput in = ZoneInput.parse(body, false);
        return require(zoneId)
                .chain(z -> (patch ? requireOwnerOrSecurity(z.festivalId())
                        : access.require(z.festivalId(), FestivalAccess.Level.OWNER))
                        .chain(g -> checkParent(z.festivalId(), zoneId, in))
                        .chain(() -> in.columns.isEmpty() ? Uni.createFrom().item(z)
                                : store.update(zoneId, in.columns, in.resetPresence)))
                .onFailure(ZoneService::isWindowViolation).transform(e -> windowError())
                .map(z -> {
                    if (z == null) {
                        throw ApiException.notFound("Zone");
                    }
                    if (!in.columns.isEmpty()) {
                        events.record("zone.updated", "zoneId", zoneId, "festivalId", z.festivalId(),
                                "fields", String.join(",", in.columns.keySet()));
                        broadcaster.changed(zoneId);
                    }
                    return view(z);
                });
    }

    public Uni<Void> delete(UUID zoneId) {
        return require(zoneId)
                .chain(z -> access.require(z.festivalId(), FestivalAccess.Level.OWNER)
                        .chain(g -> store.softDelete(zoneId))
                        .invoke(deleted -> events.record("zone.deleted", "zoneId", zoneId, "festivalId",
                                z.festivalId())))
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------ crew reads

    public Uni<Page<AccessLogView>> accessLogs(UUID zoneId, PageRequest page, String startDate, String endDate,
                                               String action, String allowed, String ticketId, String deviceId) {
        OffsetDateTime from = date("startDate", startDate);
        OffsetDateTime to = date("endDate", endDate);
        String direction = action == null || action.isBlank() ? null : switch (action.trim().toUpperCase(Locale.ROOT)) {
            case "IN", "ENTRY" -> "IN";
            case "OUT", "EXIT" -> "OUT";
            default -> throw PageRequest.badParameter("action", "must be ENTRY or EXIT (IN or OUT)");
        };
        Boolean allowedFilter = allowed == null || allowed.isBlank() ? null : switch (allowed.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw PageRequest.badParameter("allowed", "must be true or false");
        };
        UUID ticket = null;
        if (ticketId != null && !ticketId.isBlank()) {
            try {
                ticket = UUID.fromString(ticketId.trim());
            } catch (IllegalArgumentException e) {
                throw PageRequest.badParameter("ticketId", "must be a UUID");
            }
        }
        UUID t = ticket;
        String device = deviceId == null || deviceId.isBlank() ? null : deviceId.trim();
        return require(zoneId)
                .chain(z -> access.require(z.festivalId(), FestivalAccess.Level.CREW))
                .chain(g -> store.accessLogs(zoneId, from, to, direction, allowedFilter, t, device, page.limit(),
                        page.offset(), page.ascending()))
                .map(p -> Page.of(p.rows(), p.total(), page));
    }

    public Uni<Page<ZoneAlertView>> zoneAlerts(UUID zoneId, PageRequest page) {
        return require(zoneId)
                .chain(z -> access.require(z.festivalId(), FestivalAccess.Level.CREW)
                        .chain(g -> store.alerts(z.festivalId(), zoneId, page.limit(), page.offset())))
                .map(p -> Page.of(p.rows(), p.total(), page));
    }

    public Uni<Page<ZoneAlertView>> festivalAlerts(UUID festivalId, PageRequest page) {
        return access.require(festivalId, FestivalAccess.Level.CREW)
                .chain(g -> store.alerts(festivalId, null, page.limit(), page.offset()))
                .map(p -> Page.of(p.rows(), p.total(), page));
    }

    // ------------------------------------------------------------------ helpers

    private Uni<ZoneRow> require(UUID zoneId) {
        return store.find(zoneId).map(z -> {
            if (z == null) {
                throw ApiException.notFound("Zone");
            }
            return z;
        });
    }

    private Uni<FestivalAccess.Grant> requireOwnerOrSecurity(UUID festivalId) {
        return access.grant(festivalId).map(g -> {
            if (g.admin() || g.owner() || g.hasMemberRole(Role.SECURITY)) {
                return g;
            }
            throw new ApiException(ErrorCode.NOT_OWNER, "Only the festival's owner, an ADMIN or its SECURITY may do this");
        });
    }

    private Uni<Void> checkParent(UUID festivalId, UUID zoneId, ZoneInput in) {
        if (in.parentZoneId == null) {
            return Uni.createFrom().voidItem();
        }
        return store.parentAllowed(festivalId, zoneId, in.parentZoneId).map(ok -> {
            if (!ok) {
                throw ApiException.invalidField("parentZoneId",
                        "must be another zone of the same festival, not one inside this zone");
            }
            return null;
        });
    }

    private static OffsetDateTime date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(s).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw PageRequest.badParameter(name, "must be an ISO-8601 date or date-time");
            }
        }
    }

    private static boolean isWindowViolation(Throwable e) {
        return e instanceof PgException pg && "23514".equals(pg.getSqlState())
                && "zones_window".equals(pg.getConstraint());
    }

    private static ApiException windowError() {
        return ApiException.invalidField("closingTime", "must be after openingTime");
    }

    static ZoneView view(ZoneRow z) {
        int occ = z.currentOccupancy();
        return new ZoneView(z.id(), z.festivalId(), z.name(), z.description(), z.capacity(), occ, z.parentZoneId(),
                z.allowedCategoryIds(), z.requiresTicketType(), z.allowedStaffRoles(), z.allowedStaffRoles(),
                z.accessLevel(), z.capacityWarningThreshold(), z.isActive(), z.openingTime(), z.closingTime(),
                Occupancy.percentage(occ, z.capacity()), Occupancy.atCapacity(occ, z.capacity()),
                Occupancy.nearCapacity(occ, z.capacity(), z.capacityWarningThreshold()),
                Occupancy.availableSpots(occ, z.capacity()), z.createdAt(), z.updatedAt());
    }

    static OccupancyView occupancy(ZoneRow z) {
        int occ = z.currentOccupancy();
        return new OccupancyView(z.id(), z.name(), z.festivalId(), occ, z.capacity(),
                Occupancy.percentage(occ, z.capacity()), Occupancy.atCapacity(occ, z.capacity()),
                Occupancy.nearCapacity(occ, z.capacity(), z.capacityWarningThreshold()),
                Occupancy.availableSpots(occ, z.capacity()),
                Occupancy.status(occ, z.capacity(), z.capacityWarningThreshold(), z.isActive()), z.isActive());
    }
}
