package dev.festival.apikeys;

import dev.festival.apikeys.dto.ApiKeyPage;
import dev.festival.apikeys.dto.ApiKeyStats;
import dev.festival.apikeys.dto.ApiKeyView;
import dev.festival.apikeys.dto.CreateApiKeyRequest;
import dev.festival.apikeys.dto.CreatedApiKey;
import dev.festival.apikeys.dto.UpdateApiKeyRequest;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.Role;
import dev.festival.common.security.Roles;
import dev.festival.common.web.PathIds;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * API.md "API keys". ADMIN and ORGANIZER accounts; each manages their own keys, an ADMIN every key.
 * Someone else's key answers 404. API keys themselves cannot call these endpoints (ApiKeyScopeFilter).
 */
@Path("/api-keys")
@Tag(name = "API keys", description = "Keys for third-party clients (X-API-Key)")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Roles({Role.ADMIN, Role.ORGANIZER})
public class ApiKeyResource {
    @Inject
    ApiKeyService keys;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key (shown once)", description = "Roles: ADMIN, ORGANIZER. The answer"
            + " holds the key (plaintextKey, alias key) once; only its SHA-256 and its prefix are stored. A festival"
            + " binding needs org rights on that festival; the ADMIN scope and tiers other than FREE are for ADMIN"
            + " creators. The key authenticates as X-API-Key, api-key or Authorization: Bearer fst_…, with its"
            + " creator's rights narrowed to its scopes (READ: GET; WRITE: POST, PUT, PATCH; DELETE; ADMIN: all)"
            + " and festival.")
    @APIResponse(responseCode = "201", description = "Created; the key is in plaintextKey and key",
            content = @Content(schema = @Schema(implementation = CreatedApiKey.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation (scopes, ipWhitelist, expiresAt)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 role or scope/tier not allowed; ERR_3002/3003 not"
            + " org of the festival", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5002 too many keys for this account",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> create(@Valid CreateApiKeyRequest body) {
        if (body == null) {
            throw ApiException.invalidField("body", "is required");
        }
        return keys.create(body).map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Operation(summary = "List API keys", description = "Roles: ADMIN (every key), ORGANIZER (their own)."
            + " Newest first; never the key itself.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(schema = @Schema(implementation = ApiKeyPage.class)))
    public Uni<Page<ApiKeyView>> list(@RestQuery String page, @RestQuery String limit, @RestQuery String offset) {
        return keys.list(PageRequest.parse(page, limit, offset, null, null, null, Set.of(), "createdAt", false));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "API key statistics", description = "Roles: ADMIN (every key), ORGANIZER (their own):"
            + " counts by status and tier, total usage, last use.")
    @APIResponse(responseCode = "200", description = "The statistics",
            content = @Content(schema = @Schema(implementation = ApiKeyStats.class)))
    public Uni<ApiKeyStats> stats() {
        return keys.stats();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An API key", description = "Roles: its creator, ADMIN.")
    @APIResponse(responseCode = "200", description = "The key (without the secret)",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such key (or someone else's)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ApiKeyView> get(@PathParam("id") String id) {
        return keys.get(PathIds.orNotFound(id, "API key"));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an API key", description = "Roles: its creator, ADMIN. name, description,"
            + " scopes, ipWhitelist, expiresAt, status ACTIVE|INACTIVE (a REVOKED key stays revoked); tier by an"
            + " ADMIN only. Effective at once on every pod.")
    @APIResponse(responseCode = "200", description = "The key",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 ADMIN scope or tier by a non-ADMIN",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ApiKeyView> update(@PathParam("id") String id, @Valid UpdateApiKeyRequest body) {
        if (body == null) {
            throw ApiException.invalidField("body", "is required");
        }
        return keys.update(PathIds.orNotFound(id, "API key"), body);
    }

    @POST
    @Path("/{id}/revoke")
    @Operation(summary = "Revoke an API key", description = "Roles: its creator, ADMIN. The key stops"
            + " authenticating at once on every pod (401); it stays listed as REVOKED. Idempotent.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> revoke(@PathParam("id") String id) {
        return keys.revoke(PathIds.orNotFound(id, "API key"), false).map(v -> Response.noContent().build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an API key", description = "Roles: its creator, ADMIN. Revokes it and removes it"
            + " from the lists (the row is kept for the audit trail).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "ERR_5001 no such key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> delete(@PathParam("id") String id) {
        return keys.revoke(PathIds.orNotFound(id, "API key"), true).map(v -> Response.noContent().build());
    }
}
