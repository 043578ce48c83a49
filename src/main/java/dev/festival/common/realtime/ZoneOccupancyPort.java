package dev.festival.common.realtime;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * The {@code /zones} namespace's {@code get_all_occupancy {festivalId}} (API.md "Real time"): the
 * festival's zones with their occupancy, as {@code GET /api/festivals/:id/occupancy} lists them.
 * Implemented by the {@code zones} feature; the socket layer has already checked that the caller is
 * crew of the festival. Until then the fallback answers an empty list.
 */
public interface ZoneOccupancyPort {
    Uni<List<?>> occupancy(SocketCaller caller, UUID festivalId);
}
