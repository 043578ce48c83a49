package dev.festival.zones;

import dev.festival.common.realtime.RealtimePublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the zones feature publishes; enabled only by {@link ZoneEventsTest.Profile}. */
@Alternative
@ApplicationScoped
public class RecordingPublisher implements RealtimePublisher {
    public record Published(String namespace, String room, String event, Object payload) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();

    /** A method, not the field: the test holds a client proxy, whose own fields are not the bean's. */
    public List<Published> published() {
        return published;
    }

    @Override
    public void publish(String namespace, String room, String event, Object payload) {
        published.add(new Published(namespace, room, event, payload));
    }
}
