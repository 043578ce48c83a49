package dev.festival.users;

import dev.festival.common.web.PathIds;
import dev.festival.auth.PasswordPolicy;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.CurrentUser;
import dev.festival.common.security.Role;
import dev.festival.common.security.Roles;
import dev.festival.users.dto.CreateUserRequest;
import dev.festival.users.dto.MessageResponse;
import dev.festival.users.dto.RoleChangeRequest;
import dev.festival.users.dto.StatusChangeRequest;
import dev.festival.users.dto.UpdateProfileRequest;
import dev.festival.users.dto.UpdateUserRequest;
import dev.festival.users.dto.UserChanges;
import dev.festival.users.dto.UserFilter;
import dev.festival.users.dto.UserView;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * API.md "Users": administration of accounts (ADMIN), a user's own profile (self), and a
 * short user search for organisers. Path ids that are not UUIDs are 400 ERR_4004 here, as
 * clients of this path expect.
 */
@Path("/users")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {
    public static final int DEFAULT_SEARCH_LIMIT = 10;
    static final int MAX_REASON = 500;

    @Inject
    UserService users;

    @Inject
    UserAdminService admin;

    @Inject
    CurrentUser currentUser;

    @Inject
    ObjectMapper mapper;

    @GET
    @Authenticated
    @Roles(Role.ADMIN)
    @Operation(summary = "List users (paginated)", description = "Roles: ADMIN. Filters: search (email, first or "
            + "last name, case-insensitive), role, status (any letter case), email (contains), festivalId (members "
            + "of that festival). Sort by createdAt, updatedAt, email, firstName, lastName, role, status, lastLoginAt.")
    @APIResponse(responseCode = "200", description = "{data, meta} envelope of users")
    @APIResponse(responseCode = "400", description = "ERR_4003 bad page, limit, sort order or filter value")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 not an ADMIN")
    public Uni<Page<UserView>> list(@QueryParam("page") String page, @QueryParam("limit") String limit,
                                    @QueryParam("offset") String offset, @QueryParam("sort") String sort,
                                    @QueryParam("sortBy") String sortBy, @QueryParam("sortOrder") String sortOrder,
                                    @QueryParam("search") String search, @QueryParam("role") String role,
                                    @QueryParam("status") String status, @QueryParam("email") String email,
                                    @QueryParam("festivalId") String festivalId) {
        PageRequest request = PageRequest.parse(page, limit, offset, sort, sortBy, sortOrder,
                UserAdminService.SORTABLE, UserAdminService.DEFAULT_SORT, false);
        UserFilter filter = new UserFilter(blankToNull(search),
                blank(role) ? null : enumParam("role", Role.parse(role), role),
                blank(status) ? null : enumParam("status", UserStatus.parse(status), status),
                blankToNull(email),
                blank(festivalId) ? null : uuidQueryParam("festivalId", festivalId));
        return admin.list(filter, request);
    }

    @GET
    @Path("/search")
    @Authenticated
    @Roles({Role.ADMIN, Role.ORGANIZER})
    @Operation(summary = "Search users by email or name (bare array)", description = "Roles: ADMIN, ORGANIZER. "
            + "q matches email, first or last name (case-insensitive); an empty q answers []. limit 1–100, default 10.")
    @APIResponse(responseCode = "200", description = "Bare array of users")
    @APIResponse(responseCode = "400", description = "ERR_4003 limit out of 1–100")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 role not allowed")
    public Uni<List<UserView>> search(@QueryParam("q") String q, @QueryParam("limit") String limit) {
        int max = parseLimit(limit);
        return admin.search(q, max);
    }

    @POST
    @Authenticated
    @Roles(Role.ADMIN)
    @ResponseStatus(201)
    @Operation(summary = "Create an account", description = "Roles: ADMIN. The account starts ACTIVE with a verified "
            + "email; role defaults to USER. Password: at least 8 characters with upper, lower and digit.")
    @APIResponse(responseCode = "201", description = "The created user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field or weak password")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 not an ADMIN")
    @APIResponse(responseCode = "409", description = "ERR_5002 email already used")
    public Uni<UserView> create(@Valid CreateUserRequest body) {
        if (body == null) {
            throw ApiException.invalidField("email", "must not be blank");
        }
        Role role = blank(body.role()) ? Role.USER : bodyEnum("role", Role.parse(body.role()));
        // Defence in depth: @StrongPassword has already answered 400 for a weak password.
        PasswordPolicy.require("password", body.password());
        return admin.createByAdmin(body.email(), body.password(), body.firstName(), body.lastName(), body.phone(),
                role);
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The caller's own account", description = "Roles: any signed-in user (same as /api/auth/me).")
    @APIResponse(responseCode = "200", description = "The caller")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    public Uni<UserView> me() {
        return users.require(currentUser.id());
    }

    @PATCH
    @Path("/me")
    @Authenticated
    @Operation(summary = "Edit the caller's own profile", description = "Roles: self. Changes firstName, lastName, "
            + "phone, avatarUrl (an empty phone/avatarUrl clears it). Other fields (role, status, email) are ignored "
            + "here: role and status are an ADMIN's decision, email changes go through PATCH /api/users/:id.")
    @APIResponse(responseCode = "200", description = "The updated user")
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    public Uni<UserView> updateMe(@Valid UpdateProfileRequest body) {
        UpdateProfileRequest b = body == null ? new UpdateProfileRequest(null, null, null, null) : body;
        UUID self = currentUser.id();
        return admin.update(self, currentUser.isAdmin(), self, UserChanges.profile(b));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Get a user", description = "Roles: ADMIN, or self.")
    @APIResponse(responseCode = "200", description = "The user")
    @APIResponse(responseCode = "400", description = "ERR_4004 id is not a UUID")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 neither ADMIN nor self")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such user")
    public Uni<UserView> get(@PathParam("id") String id) {
        UUID userId = pathId(id);
        requireAdminOrSelf(userId);
        return users.require(userId);
    }

    @PUT
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Update a user (partial)", description = "Roles: ADMIN, or self. Only an ADMIN may change "
            + "role or status (a non-admin sending a different role/status → 403 ERR_3001). An email change is "
            + "normalised and marks the email unverified. A role change, or status INACTIVE/BANNED, revokes the "
            + "user's sessions. An ADMIN cannot demote, deactivate or ban themself (409 ERR_5009).")
    @APIResponse(responseCode = "200", description = "The updated user")
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field; ERR_4004 id is not a UUID")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 neither ADMIN nor self, or a non-admin changing role/status")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such user")
    @APIResponse(responseCode = "409", description = "ERR_5002 email already used; ERR_5009 admin locking themself out")
    public Uni<UserView> put(@PathParam("id") String id, @Valid UpdateUserRequest body) {
        return update(id, body);
    }

    @PATCH
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Update a user (partial)", description = "Same as PUT /api/users/{id}. Roles: ADMIN, or self.")
    @APIResponse(responseCode = "200", description = "The updated user")
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field; ERR_4004 id is not a UUID")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 neither ADMIN nor self, or a non-admin changing role/status")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such user")
    @APIResponse(responseCode = "409", description = "ERR_5002 email already used; ERR_5009 admin locking themself out")
    public Uni<UserView> patch(@PathParam("id") String id, @Valid UpdateUserRequest body) {
        return update(id, body);
    }

    private Uni<UserView> update(String id, UpdateUserRequest body) {
        UUID userId = pathId(id);
        UpdateUserRequest b = body == null ? new UpdateUserRequest(null, null, null, null, null, null, null) : body;
        // Parse (400) before deciding access (403), as API.md orders them.
        Role role = blank(b.role()) ? null : bodyEnum("role", Role.parse(b.role()));
        UserStatus status = blank(b.status()) ? null : bodyEnum("status", UserStatus.parse(b.status()));
        if (b.email() != null && b.email().isBlank()) {
            throw ApiException.invalidField("email", "must not be blank");
        }
        requireAdminOrSelf(userId);
        return admin.update(currentUser.id(), currentUser.isAdmin(), userId,
                new UserChanges(b.email(), b.firstName(), b.lastName(), b.phone(), b.avatarUrl(), role, status));
    }

    @PATCH
    @Path("/{id}/role")
    @Authenticated
    @Roles(Role.ADMIN)
    @Operation(summary = "Change a user's role", description = "Roles: ADMIN. Revokes the user's sessions, so the new "
            + "role takes effect at their next sign-in. An ADMIN cannot demote themself (409 ERR_5009).")
    @APIResponse(responseCode = "200", description = "The updated user")
    @APIResponse(responseCode = "400", description = "ERR_4001 missing or unknown role; ERR_4004 id is not a UUID")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 not an ADMIN")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such user")
    @APIResponse(responseCode = "409", description = "ERR_5009 admin demoting themself")
    public Uni<UserView> changeRole(@PathParam("id") String id, @Valid RoleChangeRequest body) {
        UUID userId = pathId(id);
        if (body == null) {
            throw ApiException.invalidField("role", "must not be blank");
        }
        Role role = bodyEnum("role", Role.parse(body.role()));
        return admin.changeRole(currentUser.id(), userId, role, body.reason());
    }

    @DELETE
    @Path("/{id}")
    @Authenticated
    @Roles(Role.ADMIN)
    @Operation(summary = "Deactivate a user (soft delete)", description = "Roles: ADMIN. Sets status INACTIVE and "
            + "revokes the user's sessions; history is kept. Answers {message}.")
    @APIResponse(responseCode = "200", description = "{message}")
    @APIResponse(responseCode = "400", description = "ERR_4004 id is not a UUID")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 not an ADMIN")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such user")
    @APIResponse(responseCode = "409", description = "ERR_5009 banned account, or an admin deactivating themself")
    public Uni<MessageResponse> delete(@PathParam("id") String id) {
        UUID userId = pathId(id);
        return admin.deactivate(currentUser.id(), userId, null)
                .map(u -> new MessageResponse("User deactivated"));
    }

    @POST
    @Path("/{id}/deactivate")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StatusChangeRequest.class)))
    @Authenticated
    @Roles(Role.ADMIN)
    @Operation(summary = "Deactivate a user", description = "Roles: ADMIN. Status INACTIVE (from ACTIVE, "
            + "PENDING_VERIFICATION or INACTIVE); revokes the user's sessions; they can no longer sign in. Body "
            + "{reason?}.")
    @APIResponse(responseCode = "200", description = "The updated user")
    @APIResponse(responseCode = "400", description = "ERR_4004 id is not a UUID")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 not an ADMIN")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such user")
    @APIResponse(responseCode = "409", description = "ERR_5009 banned account (unban instead), or self")
    public Uni<UserView> deactivate(@PathParam("id") String id, String rawBody) throws JsonProcessingException {
        UUID userId = pathId(id);
        StatusChangeRequest body = statusBody(rawBody);
        return admin.deactivate(currentUser.id(), userId, reason(body));
    }

    @POST
    @Path("/{id}/reactivate")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StatusChangeRequest.class)))
    @Authenticated
    @Roles(Role.ADMIN)
    @Operation(summary = "Reactivate a deactivated user", description = "Roles: ADMIN. INACTIVE → ACTIVE. Body {reason?}.")
    @APIResponse(responseCode = "200", description = "The updated user")
    @APIResponse(responseCode = "400", description = "ERR_4004 id is not a UUID")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 not an ADMIN")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such user")
    @APIResponse(responseCode = "409", description = "ERR_5009 the account is not INACTIVE")
    public Uni<UserView> reactivate(@PathParam("id") String id, String rawBody) throws JsonProcessingException {
        UUID userId = pathId(id);
        StatusChangeRequest body = statusBody(rawBody);
        return admin.reactivate(currentUser.id(), userId, reason(body));
    }

    @POST
    @Path("/{id}/ban")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StatusChangeRequest.class)))
    @Authenticated
    @Roles(Role.ADMIN)
    @Operation(summary = "Ban a user", description = "Roles: ADMIN. Body {reason} (required). Status BANNED; revokes "
            + "the user's sessions; they can no longer sign in (403 ERR_2005). An ADMIN cannot ban themself.")
    @APIResponse(responseCode = "200", description = "The updated user")
    @APIResponse(responseCode = "400", description = "ERR_4001 reason missing; ERR_4004 id is not a UUID")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 not an ADMIN")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such user")
    @APIResponse(responseCode = "409", description = "ERR_5009 admin banning themself")
    public Uni<UserView> ban(@PathParam("id") String id, String rawBody) throws JsonProcessingException {
        UUID userId = pathId(id);
        StatusChangeRequest body = statusBody(rawBody);
        String reason = reason(body);
        if (reason == null) {
            throw ApiException.invalidField("reason", "must not be blank");
        }
        return admin.ban(currentUser.id(), userId, reason);
    }

    @POST
    @Path("/{id}/unban")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = StatusChangeRequest.class)))
    @Authenticated
    @Roles(Role.ADMIN)
    @Operation(summary = "Lift a ban", description = "Roles: ADMIN. BANNED → ACTIVE. Body {reason?}.")
    @APIResponse(responseCode = "200", description = "The updated user")
    @APIResponse(responseCode = "400", description = "ERR_4004 id is not a UUID")
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in")
    @APIResponse(responseCode = "403", description = "ERR_3001 not an ADMIN")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such user")
    @APIResponse(responseCode = "409", description = "ERR_5009 the account is not BANNED")
    public Uni<UserView> unban(@PathParam("id") String id, String rawBody) throws JsonProcessingException {
        UUID userId = pathId(id);
        StatusChangeRequest body = statusBody(rawBody);
        return admin.unban(currentUser.id(), userId, reason(body));
    }

    // ---------------------------------------------------------------- parsing

    private void requireAdminOrSelf(UUID userId) {
        if (!currentUser.isAdmin() && !userId.equals(currentUser.id())) {
            throw new ApiException(ErrorCode.ROLE_FORBIDDEN, "Only an ADMIN or the user themself may do this");
        }
    }

    /** Under /api/users a malformed id is the client's mistake (400 ERR_4004), not a missing user. */
    static UUID pathId(String id) {
        return PathIds.orBadRequest(id, "id");
    }

    private static UUID uuidQueryParam(String name, String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw PageRequest.badParameter(name, "must be a UUID");
        }
    }

    private static <E extends Enum<E>> E enumParam(String name, E parsed, String raw) {
        if (parsed == null) {
            throw PageRequest.badParameter(name, "unknown value '" + raw + "'");
        }
        return parsed;
    }

    private static <E extends Enum<E>> E bodyEnum(String field, E parsed) {
        if (parsed == null) {
            throw ApiException.invalidField(field, "must be one of " + (field.equals("role")
                    ? List.of(Role.values()) : List.of(UserStatus.values())));
        }
        return parsed;
    }

    private static int parseLimit(String limit) {
        if (blank(limit)) {
            return DEFAULT_SEARCH_LIMIT;
        }
        try {
            int l = Integer.parseInt(limit.trim());
            if (l >= 1 && l <= PageRequest.MAX_LIMIT) {
                return l;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw PageRequest.badParameter("limit", "must be an integer between 1 and " + PageRequest.MAX_LIMIT);
    }

    /**
     * The optional {reason} body of the status endpoints. Read from the raw text so that a bare
     * POST (no body, no Content-Type, as many clients send it) is accepted rather than a 415.
     */
    private StatusChangeRequest statusBody(String raw) throws JsonProcessingException {
        if (raw == null || raw.isBlank()) {
            return new StatusChangeRequest(null);
        }
        // A JsonProcessingException reaches the shared mapper: 400 ERR_4002 / ERR_4001 as for any JSON body.
        StatusChangeRequest body = mapper.readValue(raw, StatusChangeRequest.class);
        if (body == null) {
            return new StatusChangeRequest(null);
        }
        if (body.reason() != null && body.reason().length() > MAX_REASON) {
            throw ApiException.invalidField("reason", "size must be between 0 and " + MAX_REASON);
        }
        return body;
    }

    private static String reason(StatusChangeRequest body) {
        return body == null ? null : blankToNull(body.reason());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.trim();
    }
}
