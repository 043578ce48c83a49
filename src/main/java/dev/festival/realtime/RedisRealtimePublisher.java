package dev.festival.realtime;

import dev.festival.common.realtime.RealtimePublisher;
import dev.festival.realtime.namespaces.ZoneAlertLog;
import dev.festival.realtime.socketio.Namespace;
import dev.festival.realtime.socketio.SocketServer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * {@link RealtimePublisher} across pods. An event is delivered at once to this pod's sockets, and
 * published on one Redis pub/sub channel with this pod's id; every pod delivers what it receives to
 * its own sockets, except the messages it sent itself (already delivered). Local delivery therefore
 * never waits for Redis, and still works while Redis is down (other pods miss the event then: real
 * time is best effort, the state lives in PostgreSQL).
 * <p>
 * Publishing never waits: messages go to a bounded outbox drained by one PUBLISH at a time, each
 * carrying every message queued meanwhile (a burst of scans costs a few Redis round trips, not one
 * per event, and never exhausts the Redis pool). Past {@link #MAX_OUTBOX} waiting messages, new ones
 * are dropped for the other pods (counted, logged).
 * <p>
 * Wire format: messages separated by U+001E (never present in JSON text, which escapes control
 * characters); each message one line per field (names and rooms never contain a newline):
 * {@code pod \n namespace \n room ("" = whole namespace) \n event \n payload JSON}.
 */
@ApplicationScoped
public class RedisRealtimePublisher implements RealtimePublisher {
    private static final Logger LOG = Logger.getLogger(RedisRealtimePublisher.class);
    private static final long RESUBSCRIBE_DELAY_MS = 1000;
    static final int MAX_OUTBOX = 10_000;
    private static final int MAX_BATCH = 256;
    private static final char SEPARATOR = '\u001e';

    @Inject
    RealtimeConfig config;

    @Inject
    SocketServer sockets;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    Vertx vertx;

    @Inject
    ZoneAlertLog alerts;

    @Inject
    MeterRegistry registry;

    private String podId;
    private ReactivePubSubCommands<String> pubsub;
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final ConcurrentLinkedQueue<String> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger outboxSize = new AtomicInteger();
    private final AtomicBoolean publishing = new AtomicBoolean();
    private Counter dropped;
    private long lastWarn;

    void start(@Observes StartupEvent event) {
        podId = config.podId().orElse(UUID.randomUUID().toString());
        dropped = Counter.builder("festival.realtime.pubsub.dropped")
                .description("Real-time events not sent to the other pods (outbox full)").register(registry);
        pubsub = redis.pubsub(String.class);
        subscribe();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping.set(true);
        ReactivePubSubCommands.ReactiveRedisSubscriber current = subscriber;
        if (current != null) {
            current.unsubscribe().subscribe().with(v -> { }, f -> { });
        }
    }

    public String podId() {
        return podId;
    }

    private void subscribe() {
        if (stopping.get()) {
            return;
        }
        pubsub.subscribe(config.channel(), this::onRemote, this::resubscribeLater, failure -> {
            warn("Redis pub/sub subscription lost", failure);
            resubscribeLater();
        }).subscribe().with(s -> {
            subscriber = s;
            LOG.debugf("real-time: subscribed to %s as pod %s", config.channel(), podId);
        }, failure -> {
            warn("Redis pub/sub subscription failed", failure);
            resubscribeLater();
        });
    }

    private void resubscribeLater() {
        if (!stopping.get()) {
            vertx.setTimer(RESUBSCRIBE_DELAY_MS, id -> subscribe());
        }
    }

    @Override
    public void publish(String namespace, String room, String event, Object payload) {
        try {
            String json = sockets.json(payload);
            deliver(namespace, room, event, json);
            if ("/zones".equals(namespace) && "zone_alert".equals(event)) {
                alerts.record(json);
            }
            enqueue(podId + '\n' + namespace + '\n' + (room == null ? "" : room) + '\n' + event + '\n' + json);
        } catch (RuntimeException e) {
            LOG.warnf(e, "real-time event %s %s not published", namespace, event);
        }
    }

    private void enqueue(String message) {
        if (outboxSize.incrementAndGet() > MAX_OUTBOX) {
            outboxSize.decrementAndGet();
            dropped.increment();
            warn("outbox full", null);
            return;
        }
        outbox.add(message);
        drain();
    }

    /** One PUBLISH in flight at a time, carrying everything queued so far (up to MAX_BATCH messages). */
    private void drain() {
        if (!publishing.compareAndSet(false, true)) {
            return;
        }
        StringBuilder batch = new StringBuilder();
        int count = 0;
        String next;
        while (count < MAX_BATCH && (next = outbox.poll()) != null) {
            if (count > 0) {
                batch.append(SEPARATOR);
            }
            batch.append(next);
            count++;
        }
        if (count == 0) {
            publishing.set(false);
            if (!outbox.isEmpty()) {
                drain(); // raced with an enqueue that saw publishing=true
            }
            return;
        }
        outboxSize.addAndGet(-count);
        int sent = count;
        pubsub.publish(config.channel(), batch.toString()).subscribe().with(v -> {
            publishing.set(false);
            drain();
        }, failure -> {
            warn("Redis publish failed; other pods miss " + sent + " event(s)", failure);
            publishing.set(false);
            drain();
        });
    }

    private void onRemote(String batch) {
        int start = 0;
        while (start < batch.length()) {
            int end = batch.indexOf(SEPARATOR, start);
            if (end < 0) {
                end = batch.length();
            }
            onRemoteMessage(batch.substring(start, end));
            start = end + 1;
        }
    }

    private void onRemoteMessage(String message) {
        int a = message.indexOf('\n');
        int b = message.indexOf('\n', a + 1);
        int c = message.indexOf('\n', b + 1);
        int d = message.indexOf('\n', c + 1);
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            return;
        }
        if (message.regionMatches(0, podId, 0, a) && a == podId.length()) {
            return; // ours: delivered locally when published
        }
        String room = message.substring(b + 1, c);
        deliver(message.substring(a + 1, b), room.isEmpty() ? null : room, message.substring(c + 1, d),
                message.substring(d + 1));
    }

    private void deliver(String namespace, String room, String event, String json) {
        Namespace target = sockets.namespace(namespace);
        if (target != null) {
            target.deliver(room, event, json, null);
        }
    }

    private void warn(String what, Throwable failure) {
        long now = System.currentTimeMillis();
        if (now - lastWarn > 10_000) {
            lastWarn = now;
            LOG.warnf("real-time: %s: %s", what, failure == null ? "" : failure.toString());
        }
    }
}
