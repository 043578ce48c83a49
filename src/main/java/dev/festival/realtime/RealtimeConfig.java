package dev.festival.realtime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code festival.realtime.*}: the Socket.IO server (API.md "Real time"). */
@ConfigMapping(prefix = "festival.realtime")
public interface RealtimeConfig {
    /** Engine.IO: the server pings every client this often ... */
    @WithDefault("25s")
    Duration pingInterval();

    /** ... and closes it when no pong comes back within this delay. */
    @WithDefault("20s")
    Duration pingTimeout();

    /** Largest Engine.IO payload a client may send (bytes; announced in the open packet). */
    @WithDefault("1000000")
    int maxPayload();

    /** A connection that has joined no namespace after this long is closed. */
    @WithDefault("45s")
    Duration connectTimeout();

    /** A WebSocket probing an upgrade must finish it within this delay. */
    @WithDefault("10s")
    Duration upgradeTimeout();

    /**
     * Browser origins allowed to open a connection ({@code *} = any). Unset: these local
     * development origins. A request without Origin (a non-browser client) and a same-origin
     * request are always allowed.
     */
    @WithDefault("http://localhost:3000,http://localhost:3001,http://localhost:3333,http://localhost:5173")
    List<String> allowedOrigins();

    /** Back-pressure: messages waiting to be written to one connection before it is dropped ... */
    @WithDefault("1000")
    int maxQueuedMessages();

    /** ... or bytes. */
    @WithDefault("4000000")
    long maxQueuedBytes();

    /** Redis pub/sub channel shared by the pods of one deployment. */
    @WithDefault("festival:rt:${festival.db.schema}")
    String channel();

    /** This pod's id on the channel (default: random at start). */
    Optional<String> podId();

    /** A presence entry not refreshed for this long counts as offline. */
    @WithDefault("90s")
    Duration presenceTtl();
}
