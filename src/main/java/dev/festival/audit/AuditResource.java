package dev.festival.audit;

import dev.festival.audit.dto.AuditEntryView;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.Role;
import dev.festival.common.security.Roles;
import dev.festival.common.web.PathIds;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The security audit trail (issue 9; API.md is silent, so its list conventions are followed):
 * {@code GET /api/audit-logs}; one festival's entries are under {@link FestivalAuditResource}.
 */
@Path("/audit-logs")
@Tag(name = "Audit", description = "Security audit trail: sign-ins, revocations, roles, bans, 2FA, membership, keys")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class AuditResource {
    static final String FILTERS = " Filters: action (exact, or a prefix such as login or 2fa), userId (whom"
            + " the entry concerns), actorId (who acted), outcome (SUCCESS|FAILURE), from and to (ISO-8601 instant or"
            + " date; from inclusive, to exclusive). Paginated ({data, meta}); newest first, sort=occurredAt|action.";

    @Inject
    AuditService audit;

    @GET
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "Audit entries",
            description = "Roles: ADMIN (every entry), ORGANIZER (entries of the festivals they own or co-organise"
                    + " only; festivalId must be one of them)." + FILTERS + " Also festivalId.")
    @APIResponse(responseCode = "200", description = "{data: [{id, occurredAt, action, outcome, actorId, userId,"
            + " festivalId, ipAddress, userAgent, requestId, details}], meta}")
    @APIResponse(responseCode = "400", description = "ERR_4003 bad page, limit, sort, date, uuid or outcome")
    @APIResponse(responseCode = "403", description = "ERR_3001 not ADMIN or ORGANIZER; ERR_3002/ERR_3003 festivalId"
            + " is not one of the organiser's festivals")
    public Uni<Page<AuditEntryView>> list(@QueryParam("page") String page, @QueryParam("limit") String limit,
                                          @QueryParam("offset") String offset, @QueryParam("sort") String sort,
                                          @QueryParam("sortBy") String sortBy,
                                          @QueryParam("sortOrder") String sortOrder,
                                          @QueryParam("action") String action, @QueryParam("userId") String userId,
                                          @QueryParam("actorId") String actorId,
                                          @QueryParam("festivalId") String festivalId,
                                          @QueryParam("outcome") String outcome, @QueryParam("from") String from,
                                          @QueryParam("to") String to) {
        PageRequest request = pageRequest(page, limit, offset, sort, sortBy, sortOrder);
        return audit.list(filter(action, userId, actorId, festivalId, outcome, from, to), request);
    }

    static PageRequest pageRequest(String page, String limit, String offset, String sort, String sortBy,
                                           String sortOrder) {
        return PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder, AuditService.SORTABLE,
                AuditService.DEFAULT_SORT, false);
    }

    static AuditService.Filter filter(String action, String userId, String actorId, String festivalId,
                                              String outcome, String from, String to) {
        String o = blank(outcome) ? null : outcome.trim().toUpperCase(Locale.ROOT);
        if (o != null && !o.equals("SUCCESS") && !o.equals("FAILURE")) {
            throw PageRequest.badParameter("outcome", "must be SUCCESS or FAILURE");
        }
        return new AuditService.Filter(blank(action) ? null : action.trim().toLowerCase(Locale.ROOT),
                uuid("userId", userId), uuid("actorId", actorId), uuid("festivalId", festivalId), o,
                instant("from", from), instant("to", to));
    }

    private static UUID uuid(String name, String raw) {
        if (blank(raw)) {
            return null;
        }
        UUID id = PathIds.uuidOrNull(raw);
        if (id == null) {
            throw PageRequest.badParameter(name, "must be a UUID");
        }
        return id;
    }

    private static OffsetDateTime instant(String name, String raw) {
        if (blank(raw)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(raw.trim()).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw PageRequest.badParameter(name, "must be an ISO-8601 date-time or date");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
