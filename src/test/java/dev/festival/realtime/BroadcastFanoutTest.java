package dev.festival.realtime;

import static dev.festival.realtime.SocketClients.WEBSOCKET_ONLY;
import static dev.festival.realtime.SocketClients.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.realtime.SocketClients.Client;
import dev.festival.realtime.engineio.EngineServer;
import dev.festival.realtime.engineio.EngineSession;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * A fan-out ({@code dev.festival.realtime.socketio.Fanout}): one broadcast is encoded once and written
 * by each connection's own event loop; every subscribed connection — WebSocket on any loop, long-polling,
 * plain or {@code /api} wire name — gets each broadcast exactly once.
 */
@QuarkusTest
class BroadcastFanoutTest {
    private static final String[] POLLING_ONLY = {"polling"};
    private static final int CLIENTS = 24;

    @Inject
    EngineServer engine;

    @Inject
    MeterRegistry registry;

    private EngineSession sessionOf(Client client) throws Exception {
        return SocketClients.sessionOf(engine, client);
    }

    @Test
    void everyBroadcastReachesEachConnectionOnEveryEventLoopExactlyOnce() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        Account fan = Fixtures.user();
        List<Client> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                String namespace = i % 3 == 0 ? "/api/broadcast" : "/broadcast";
                Client client = SocketClients.connect(namespace, fan.accessToken(), i % 8 == 7 ? POLLING_ONLY : WEBSOCKET_ONLY);
                clients.add(client);
                assertTrue(client.request("subscribe", json("festivalId", festival)).getBoolean("success"));
            }
            Set<EventLoop> loops = new HashSet<>();
            int polling = 0;
            for (Client client : clients) {
                EngineSession session = sessionOf(client);
                EventLoop loop = session.writeLoop();
                if (loop == null) {
                    polling++;
                } else {
                    loops.add(loop);
                }
            }
            assertEquals(CLIENTS / 8, polling, "long-polling sessions have no write loop");
            if (Runtime.getRuntime().availableProcessors() >= 2) {
                // one event loop per CPU (EventLoopDefaults), new connections spread over them
                assertTrue(loops.size() >= 2, "connections on " + loops.size() + " event loop(s)");
            }

            double fanoutsBefore = fanouts();
            try (Client sender = SocketClients.connect("/broadcast", org.accessToken())) {
                for (int round = 0; round < 3; round++) {
                    JSONObject ack = sender.request("send_broadcast",
                            json("festivalId", festival, "title", "Round " + round, "message", "copy " + round));
                    assertTrue(ack.getBoolean("success"), ack.toString());
                    for (Client client : clients) {
                        assertEquals("copy " + round, client.next("broadcast", Duration.ofSeconds(2)).getString("message"));
                    }
                }
            }
            for (Client client : clients) {
                client.expectNone("broadcast", Duration.ofMillis(client == clients.get(0) ? 300 : 1));
            }
            assertTrue(fanouts() >= fanoutsBefore + 3, "fan-out duration recorded per broadcast");
        } finally {
            clients.forEach(Client::close);
        }
    }

    private double fanouts() {
        var timer = registry.find("festival.realtime.fanout.duration").timer();
        assertNotNull(timer);
        return timer.count();
    }
}
