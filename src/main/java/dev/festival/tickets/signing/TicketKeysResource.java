package dev.festival.tickets.signing;

import dev.festival.common.error.ErrorBody;
import dev.festival.common.security.FestivalAccess;
import dev.festival.festivals.FestivalService;
import dev.festival.tickets.signing.dto.TicketKeysView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys scanners verify ticket QR codes with, and their rotation (API.md "Tickets"). */
@Path("/festivals/{id}/ticket-keys")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
public class TicketKeysResource {
    @Inject
    TicketKeyService keys;

    @Inject
    FestivalAccess access;

    @GET
    @PermitAll
    @Operation(summary = "A festival's ticket-signing public keys", description = "Roles: public. Every key, "
            + "retired ones included (they still verify the tickets they signed). publicKey is the standard "
            + "base64 of the RAW 32-byte Ed25519 key; publicKeyDer the X.509 SubjectPublicKeyInfo DER. QR payload "
            + "format FT1.<kid>.<claims>.<signature>, all base64url without padding; claims = 68 bytes big-endian: "
            + "ticketId(16) festivalId(16) categoryId(16, zero = none) revision(int32) validFrom(int64 epoch s, "
            + "0 = none) validUntil(int64, 0 = none); signature = Ed25519 over the ASCII of FT1.<kid>.<claims>.")
    @APIResponse(responseCode = "200", description = "The keys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketKeysView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TicketKeysView> list(@PathParam("id") String id) {
        return keys.list(FestivalService.festivalId(id));
    }

    @POST
    @Path("/rotate")
    @Authenticated
    @Operation(summary = "Rotate the festival's ticket-signing key", description = "Roles: org (ADMIN, owner, "
            + "the festival's ORGANIZER members). The current key is retired (still listed, still verifying the "
            + "tickets it signed) and a new key signs new tickets. Answers the keys after rotation.")
    @APIResponse(responseCode = "200", description = "Rotated; the keys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketKeysView.class)))
    @APIResponse(responseCode = "401", description = "ERR_2002 not signed in",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003 not org of this festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TicketKeysView> rotate(@PathParam("id") String id) {
        UUID festivalId = FestivalService.festivalId(id);
        return access.require(festivalId, FestivalAccess.Level.ORG).chain(() -> keys.rotate(festivalId));
    }
}
