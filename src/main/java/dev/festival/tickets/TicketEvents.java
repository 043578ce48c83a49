package dev.festival.tickets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Ticketing's internal events (CDI, delivered asynchronously so no observer slows a request):
 * notifications observe them later, e.g. {@code void on(@ObservesAsync TicketEvents.Transferred e)}.
 */
@ApplicationScoped
public class TicketEvents {
    public record Purchased(UUID orderId, UUID userId, UUID festivalId, UUID categoryId, int quantity,
                            boolean paid) {
    }

    public record Issued(UUID orderId, UUID userId, UUID festivalId, long tickets) {
    }

    public record Transferred(UUID ticketId, UUID festivalId, UUID fromUserId, UUID toUserId) {
    }

    public record Cancelled(UUID ticketId, UUID festivalId, UUID userId, String status) {
    }

    public record Used(UUID ticketId, UUID festivalId, UUID userId, String zoneId) {
    }

    @Inject
    Event<Object> bus;

    void fire(Object event) {
        bus.fireAsync(event);
    }
}
