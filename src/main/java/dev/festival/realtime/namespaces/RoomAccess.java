package dev.festival.realtime.namespaces;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.realtime.SocketCaller;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.FestivalAccess.Grant;
import dev.festival.common.web.PathIds;
import dev.festival.support.SupportService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Which rooms a socket may join (API.md "Real time": a client joins only rooms of festivals it may
 * see). Festival decisions come from {@link FestivalAccess}:
 * <ul>
 *   <li>{@code festival:<id>:zones}, {@code zone:<festivalId>:<zoneId>}: crew of the festival;</li>
 *   <li>{@code broadcast:<id>}, {@code emergency:<id>}: any signed-in user for a published festival,
 *       its crew for a draft;</li>
 *   <li>{@code ticket:<id>}: the support ticket's owner and its agents;</li>
 *   <li>{@code user:<id>}: that user only (joined automatically).</li>
 * </ul>
 */
@ApplicationScoped
public class RoomAccess {
    @Inject
    FestivalAccess access;

    @Inject
    SupportService support;

    public static String festivalZones(UUID festivalId) {
        return "festival:" + festivalId + ":zones";
    }

    public static String zone(UUID festivalId, UUID zoneId) {
        return "zone:" + festivalId + ":" + zoneId;
    }

    public static String broadcast(UUID festivalId) {
        return "broadcast:" + festivalId;
    }

    /** Crew-only broadcasts (target {@code staff}) of a festival. */
    public static String broadcastCrew(UUID festivalId) {
        return "broadcast:" + festivalId + ":crew";
    }

    public static String emergency(UUID festivalId) {
        return "emergency:" + festivalId;
    }

    public static String ticket(UUID ticketId) {
        return "ticket:" + ticketId;
    }

    public static String user(UUID userId) {
        return "user:" + userId;
    }

    /** Fails with ERR_4001 (unknown room), 404, or 403 unless the caller may join the room. */
    public Uni<Void> requireJoin(SocketCaller caller, String room) {
        String[] parts = room.split(":", -1);
        return switch (parts[0]) {
            case "user" -> parts.length == 2 && caller.userId().equals(PathIds.uuidOrNull(parts[1]))
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new ApiException(ErrorCode.NOT_OWNER, "Not your user room"));
            case "festival" -> parts.length == 3 && "zones".equals(parts[2])
                    ? requireCrew(caller, festivalId(parts[1])).replaceWithVoid() : unknown(room);
            case "zone" -> parts.length == 3 && PathIds.uuidOrNull(parts[2]) != null
                    ? requireCrew(caller, festivalId(parts[1])).replaceWithVoid() : unknown(room);
            case "broadcast", "emergency" -> parts.length == 2
                    ? requireVisible(caller, festivalId(parts[1])).replaceWithVoid() : unknown(room);
            case "ticket" -> parts.length == 2
                    ? support.access(caller.userId(), caller.role(), ticketId(parts[1])).replaceWithVoid()
                    : unknown(room);
            default -> unknown(room);
        };
    }

    /** Crew of the festival (org, STAFF, SECURITY, CASHIER); 404 / 403 ERR_3002 otherwise. */
    public Uni<Grant> requireCrew(SocketCaller caller, UUID festivalId) {
        return access.grantFor(festivalId, caller.userId(), caller.isAdmin()).map(g -> {
            if (!g.isCrew()) {
                throw new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER);
            }
            return g;
        });
    }

    /** Org of the festival (ADMIN, owner, ORGANIZER member); 404 / 403 otherwise. */
    public Uni<Grant> requireOrg(SocketCaller caller, UUID festivalId) {
        return access.grantFor(festivalId, caller.userId(), caller.isAdmin()).map(g -> {
            if (!g.isOrg()) {
                throw g.memberRole() == null ? new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER)
                        : new ApiException(ErrorCode.ROLE_FORBIDDEN, "Your role on this festival does not allow this action");
            }
            return g;
        });
    }

    /** A festival the caller may see: published (any signed-in user) or a draft of which they are crew. */
    public Uni<Grant> requireVisible(SocketCaller caller, UUID festivalId) {
        return access.grantFor(festivalId, caller.userId(), caller.isAdmin()).map(g -> {
            if (!g.publiclyVisible() && !g.isCrew()) {
                throw ApiException.notFound("Festival");
            }
            return g;
        });
    }

    private static UUID festivalId(String raw) {
        UUID id = PathIds.uuidOrNull(raw);
        if (id == null) {
            throw ApiException.invalidField("room", "names no festival id");
        }
        return id;
    }

    private static UUID ticketId(String raw) {
        UUID id = PathIds.uuidOrNull(raw);
        if (id == null) {
            throw ApiException.invalidField("room", "names no ticket id");
        }
        return id;
    }

    private static Uni<Void> unknown(String room) {
        return Uni.createFrom().failure(ApiException.invalidField("room",
                "unknown room " + room + " (festival:<id>:zones, zone:<festivalId>:<zoneId>, broadcast:<id>,"
                        + " emergency:<id>, ticket:<id>, user:<id>)"));
    }
}
