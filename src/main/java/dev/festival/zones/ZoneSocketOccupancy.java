package dev.festival.zones;

import dev.festival.common.realtime.SocketCaller;
import dev.festival.common.realtime.ZoneOccupancyPort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * The Socket.IO {@code /zones} {@code get_all_occupancy {festivalId}}: the festival's zones with their
 * occupancy, as {@code GET /api/festivals/:id/occupancy} lists them (the socket layer has already
 * checked that the caller is crew of the festival).
 */
@ApplicationScoped
public class ZoneSocketOccupancy implements ZoneOccupancyPort {
    @Inject
    ZoneService zones;

    @Override
    public Uni<List<?>> occupancy(SocketCaller caller, UUID festivalId) {
        return zones.festivalOccupancy(festivalId).map(view -> (List<?>) view.zones());
    }
}
