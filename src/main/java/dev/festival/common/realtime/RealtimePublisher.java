package dev.festival.common.realtime;

/**
 * How features push a Socket.IO event to connected clients (API.md "Real time"), on this pod and,
 * through Redis, on every other pod. Features call this; the {@code realtime} package implements it.
 * Never blocks and never fails the caller: a lost real-time event is not worth failing a scan for.
 *
 * @param namespace the Socket.IO namespace without the {@code /api} prefix, e.g. {@code "/zones"}
 * @param room      a room name as API.md spells it ({@code "zone:<festivalId>:<zoneId>"}), or null for the whole namespace
 * @param event     the snake_case event name ({@code "occupancy_update"})
 * @param payload   a Jackson-serialisable object (record, map)
 */
public interface RealtimePublisher {
    void publish(String namespace, String room, String event, Object payload);
}
