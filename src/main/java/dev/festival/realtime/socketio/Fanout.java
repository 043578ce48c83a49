package dev.festival.realtime.socketio;

import dev.festival.realtime.engineio.EngineServer;
import dev.festival.realtime.engineio.EventLoops;
import dev.festival.realtime.engineio.SharedPacket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One event to many sockets of this pod. The packet is encoded once per wire namespace name
 * ({@link SharedPacket}), the sockets are grouped by the event loop
 * their WebSocket lives on, and each group is written by its own loop, all loops in parallel: no
 * write crosses threads, and a loop is woken once per event rather than once per socket. The group
 * of the calling loop runs after the task now running, so whoever triggered the event (a sender
 * waiting for its acknowledgement) is answered before the fan-out. Long-polling sockets are served
 * at once (they only buffer, or complete a pending poll).
 * <p>
 * Per-connection back-pressure is unchanged: each socket's copy counts against its own bounded
 * queue, and a socket over its limit is disconnected ({@code EngineSession}). Order: the events of
 * one fan-out call reach each socket in the order they were published; a direct emit made after a
 * publish may overtake it on the publishing loop's own sockets.
 */
final class Fanout {
    private final EngineServer engine;
    private final Timer duration;

    Fanout(EngineServer engine, MeterRegistry registry) {
        this.engine = engine;
        this.duration = Timer.builder("festival.realtime.fanout.duration")
                .description("From an event's publication to its last local copy handed to the network")
                .register(registry);
    }

    void deliver(Namespace namespace, Iterable<Socket> targets, String event, String payloadJson, Socket except) {
        long start = System.nanoTime();
        Packets packets = new Packets(namespace, event, payloadJson);
        Map<EventLoop, List<Socket>> byLoop = new HashMap<>(4);
        int polling = 0;
        for (Socket socket : targets) {
            if (socket == except || !socket.isConnected()) {
                continue;
            }
            EventLoop loop = socket.session().writeLoop();
            if (loop == null) {
                if (socket.session().sendShared(packets.of(socket))) {
                    polling++;
                }
            } else {
                byLoop.computeIfAbsent(loop, k -> new ArrayList<>()).add(socket);
            }
        }
        if (polling > 0) {
            engine.countOut(polling);
        }
        if (byLoop.isEmpty()) {
            return;
        }
        EventLoop here = EventLoops.current();
        AtomicInteger pending = new AtomicInteger(byLoop.size());
        // the other loops first: they start while this one finishes its current task
        for (Map.Entry<EventLoop, List<Socket>> group : byLoop.entrySet()) {
            if (group.getKey() != here) {
                group.getKey().execute(() -> write(group.getValue(), packets, except, pending, start));
            }
        }
        List<Socket> own = here == null ? null : byLoop.get(here);
        if (own != null) {
            here.execute(() -> write(own, packets, except, pending, start));
        }
    }

    private void write(List<Socket> sockets, Packets packets, Socket except, AtomicInteger pending, long start) {
        int sent = 0;
        for (Socket socket : sockets) {
            if (socket != except && socket.isConnected() && socket.session().sendShared(packets.of(socket))) {
                sent++;
            }
        }
        engine.countOut(sent);
        if (pending.decrementAndGet() == 0) {
            duration.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The packet for each wire name of the namespace ({@code /zones}, {@code /api/zones}), built once. */
    private static final class Packets {
        private final Namespace namespace;
        private final String event;
        private final String payloadJson;
        private volatile SharedPacket plain;
        private volatile SharedPacket aliased;

        Packets(Namespace namespace, String event, String payloadJson) {
            this.namespace = namespace;
            this.event = event;
            this.payloadJson = payloadJson;
        }

        SharedPacket of(Socket socket) {
            if (socket.wireNamespace().equals(namespace.name())) {
                SharedPacket packet = plain;
                if (packet == null) {
                    plain = packet = build(namespace.name());
                }
                return packet;
            }
            SharedPacket packet = aliased;
            if (packet == null) {
                aliased = packet = build(socket.wireNamespace());
            }
            return packet;
        }

        // two loops may race to build the same packet: both copies are identical
        private SharedPacket build(String wireName) {
            return new SharedPacket("4" + SioPacket.event(wireName, event, payloadJson)); // "4" = Engine.IO message
        }
    }
}
