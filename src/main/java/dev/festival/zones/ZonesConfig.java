package dev.festival.zones;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** festival.zones.* (application.properties). */
@ConfigMapping(prefix = "festival.zones")
public interface ZonesConfig {
    /**
     * Occupancy updates of one zone are coalesced: after a change, one {@code occupancy_update} is
     * published this long later with the zone's state at that moment (at most one per interval and zone).
     */
    @WithDefault("200ms")
    Duration occupancyUpdateInterval();

    /** Most scans accepted in one offline upload. */
    @WithDefault("1000")
    int batchMaxScans();
}
