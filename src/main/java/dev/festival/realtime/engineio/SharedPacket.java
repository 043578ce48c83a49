package dev.festival.realtime.engineio;

import java.nio.charset.StandardCharsets;

/**
 * An Engine.IO packet built once for many connections (a fan-out): its text, and its UTF-8 size,
 * which each connection's outbound quota is charged.
 */
public final class SharedPacket {
    final String text;
    private final int size;

    public SharedPacket(String text) {
        this.text = text;
        this.size = text.getBytes(StandardCharsets.UTF_8).length;
    }

    public String text() {
        return text;
    }

    /** The bytes a connection's quota is charged for. */
    int size() {
        return size;
    }
}
