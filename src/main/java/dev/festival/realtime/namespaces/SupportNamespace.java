package dev.festival.realtime.namespaces;

import dev.festival.common.error.ApiException;
import dev.festival.common.realtime.RealtimePublisher;
import dev.festival.realtime.socketio.EventArgs;
import dev.festival.realtime.socketio.NamespaceHandler;
import dev.festival.realtime.socketio.Socket;
import dev.festival.support.SupportService;
import dev.festival.support.SupportService.TicketAccess;
import dev.festival.support.dto.SupportMessageView;
import dev.festival.support.dto.SupportTicketView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /support}: the live conversation of a support ticket. Its owner and its agents (see
 * {@link SupportService}) join {@code ticket:<id>}; messages are stored before they are sent, and
 * every event crosses pods through {@link RealtimePublisher}.
 */
@ApplicationScoped
public class SupportNamespace implements NamespaceHandler {
    static final String NAME = "/support";
    private static final int RECENT = 50;

    @Inject
    SupportService support;

    @Inject
    RealtimePublisher publisher;

    @RegisterForReflection
    public record Joined(boolean success, SupportTicketView ticket, List<SupportMessageView> messages) {}

    @RegisterForReflection
    public record MessageSent(boolean success, SupportMessageView message) {}

    @RegisterForReflection
    public record TicketReply(boolean success, SupportTicketView ticket) {}

    @RegisterForReflection
    public record Tickets(List<SupportTicketView> tickets) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, EventHandler> events() {
        return Map.of(
                "join_ticket", this::join,
                "leave_ticket", this::leave,
                "send_message", this::sendMessage,
                "mark_read", this::markRead,
                "typing_start", (socket, args) -> typing(socket, args, "typing_started"),
                "typing_stop", (socket, args) -> typing(socket, args, "typing_stopped"),
                "update_status", this::updateStatus,
                "assign_agent", this::assignAgent,
                "get_active_tickets", (socket, args) -> support.activeTickets(socket.caller().userId(),
                        socket.caller().role()).map(Tickets::new));
    }

    private Uni<TicketAccess> access(Socket socket, UUID ticketId) {
        return support.access(socket.caller().userId(), socket.caller().role(), ticketId);
    }

    private JsonObject who(Socket socket, UUID ticketId) {
        return new JsonObject()
                .put("ticketId", ticketId.toString())
                .put("userId", socket.caller().userId().toString())
                .put("userRole", socket.caller().role().name())
                .put("timestamp", Instant.now().toString());
    }

    private Uni<Joined> join(Socket socket, EventArgs args) {
        UUID ticketId = args.uuid("ticketId");
        return access(socket, ticketId).flatMap(on -> support.recentMessages(ticketId, RECENT).map(messages -> {
            String room = RoomAccess.ticket(ticketId);
            boolean first = !socket.inRoom(room);
            socket.join(room);
            if (first) {
                socket.toOthers(room, "user_joined_ticket", who(socket, ticketId).put("isAgent", on.agent()));
            }
            return new Joined(true, on.ticket(), messages);
        }));
    }

    private Uni<JsonObject> leave(Socket socket, EventArgs args) {
        UUID ticketId = args.uuid("ticketId");
        String room = RoomAccess.ticket(ticketId);
        boolean was = socket.inRoom(room);
        socket.leave(room);
        if (was) {
            socket.toOthers(room, "user_left_ticket", who(socket, ticketId));
        }
        return Uni.createFrom().item(new JsonObject().put("success", was).put("ticketId", ticketId.toString()));
    }

    private Uni<MessageSent> sendMessage(Socket socket, EventArgs args) {
        UUID ticketId = args.uuid("ticketId");
        String content = args.body().containsKey("content") ? args.requiredString("content", 5000)
                : args.requiredString("message", 5000);
        String type = args.optionalString("type", 20);
        return access(socket, ticketId)
                .flatMap(on -> support.postMessage(on, socket.caller().userId(), socket.caller().role(), content, type))
                .map(message -> {
                    publisher.publish(NAME, RoomAccess.ticket(ticketId), "new_message", message);
                    return new MessageSent(true, message);
                });
    }

    private Uni<JsonObject> markRead(Socket socket, EventArgs args) {
        UUID ticketId = args.uuid("ticketId");
        return access(socket, ticketId)
                .flatMap(on -> support.markRead(ticketId, socket.caller().userId()))
                .map(count -> {
                    if (count > 0) {
                        publisher.publish(NAME, RoomAccess.ticket(ticketId), "messages_read",
                                who(socket, ticketId).put("count", count));
                    }
                    return new JsonObject().put("success", true).put("count", count);
                });
    }

    private Uni<JsonObject> typing(Socket socket, EventArgs args, String event) {
        UUID ticketId = args.uuid("ticketId");
        String room = RoomAccess.ticket(ticketId);
        if (!socket.inRoom(room)) {
            throw ApiException.invalidField("ticketId", "join the ticket first (join_ticket)");
        }
        publisher.publish(NAME, room, event, who(socket, ticketId));
        return Uni.createFrom().item(new JsonObject().put("success", true));
    }

    private Uni<TicketReply> updateStatus(Socket socket, EventArgs args) {
        UUID ticketId = args.uuid("ticketId");
        String status = args.requiredString("status", 30);
        return access(socket, ticketId)
                .flatMap(on -> support.updateStatus(on, status))
                .map(change -> {
                    SupportTicketView ticket = change.ticket();
                    JsonObject event = who(socket, ticketId)
                            .put("status", ticket.status())
                            .put("previousStatus", change.previousStatus())
                            .put("updatedBy", socket.caller().userId().toString());
                    publisher.publish(NAME, RoomAccess.ticket(ticketId), "status_updated", event);
                    publisher.publish(NAME, RoomAccess.user(ticket.userId()), "status_updated", event);
                    return new TicketReply(true, ticket);
                });
    }

    private Uni<TicketReply> assignAgent(Socket socket, EventArgs args) {
        UUID ticketId = args.uuid("ticketId");
        UUID agentId = args.body().containsKey("agentId") ? args.uuid("agentId") : args.uuid("staffId");
        return access(socket, ticketId)
                .flatMap(on -> support.assign(on, agentId))
                .map(ticket -> {
                    JsonObject event = who(socket, ticketId)
                            .put("agentId", agentId.toString())
                            .put("assignedBy", socket.caller().userId().toString());
                    publisher.publish(NAME, RoomAccess.ticket(ticketId), "agent_assigned", event);
                    publisher.publish(NAME, RoomAccess.user(agentId), "ticket_assigned",
                            new TicketReply(true, ticket));
                    return new TicketReply(true, ticket);
                });
    }
}
