package dev.festival.realtime.engineio;

/** What runs above Engine.IO (the Socket.IO layer). Called outside any session lock. */
public interface EngineListener {
    void onOpen(EngineSession session);

    /** One Engine.IO {@code message} packet's data (the text after the leading {@code 4}). */
    void onMessage(EngineSession session, String data);

    void onClose(EngineSession session, String reason);

    /** Requests of this connection still being answered: a shutdown waits for them before closing it. */
    default boolean busy(EngineSession session) {
        return false;
    }
}
