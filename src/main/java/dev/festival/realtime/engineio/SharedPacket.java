package dev.festival.realtime.engineio;

import java.nio.charset.StandardCharsets;

/**
 * An Engine.IO packet encoded once for many connections (a fan-out): its text, for the polling
 * transport, and its UTF-8 bytes, the payload of the one WebSocket text frame every WebSocket
 * connection gets (wrapped, never copied or re-encoded per connection).
 */
public final class SharedPacket {
    final String text;
    final byte[] utf8;

    public SharedPacket(String text) {
        this.text = text;
        this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    }

    public String text() {
        return text;
    }

    /** The bytes a connection's quota is charged for. */
    int size() {
        return utf8.length;
    }
}
