package dev.festival.common.realtime;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Stand-ins used only while no feature provides the real beans (keeps features testable alone). */
@ApplicationScoped
class Fallbacks {
    @Produces
    @DefaultBean
    @jakarta.inject.Singleton
    RealtimePublisher noRealtime() {
        return (namespace, room, event, payload) -> { };
    }

    @Produces
    @DefaultBean
    @jakarta.inject.Singleton
    ZoneOccupancyPort noZoneOccupancy() {
        return (caller, festivalId) -> Uni.createFrom().item(java.util.List.of());
    }

    @Produces
    @DefaultBean
    @jakarta.inject.Singleton
    GateScanPort noGateScans() {
        return (caller, zoneId, body) -> Uni.createFrom().failure(
                new ApiException(ErrorCode.NOT_FOUND, "Zone scanning is not available"));
    }
}
