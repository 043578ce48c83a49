package dev.festival.cashless;

import dev.festival.cashless.dto.CashlessSettingsRequest;
import dev.festival.cashless.dto.CashlessSettingsView;
import dev.festival.cashless.dto.ReconciliationView;
import dev.festival.common.error.ErrorBody;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A festival's cashless figures and limits, for its organisers. */
@Path("/festivals/{id}/cashless")
@Authenticated
@Tag(name = "Cashless")
@Produces(MediaType.APPLICATION_JSON)
public class FestivalCashlessResource {
    @Inject
    CashlessService cashless;

    @GET
    @Path("/reconciliation")
    @Authenticated
    @Operation(summary = "Cashless reconciliation of a festival",
            description = "Roles: org. Totals of the festival's ledger rows per type (top-ups, payments, refunds,"
                    + " corrections, transfers; magnitudes) and net = their signed sum; ledgerMatchesBalances checks"
                    + " that every wallet's balance equals the sum of its ledger rows (mismatchedWallets counts"
                    + " the exceptions).")
    @APIResponse(responseCode = "200", description = "Reconciliation",
            content = @Content(schema = @Schema(implementation = ReconciliationView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002/ERR_3003 not an organiser of the festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 unknown festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ReconciliationView> reconciliation(@PathParam("id") String id) {
        return cashless.reconciliation(CashlessEndpoints.pathId(id, "Festival"));
    }

    @GET
    @Path("/settings")
    @Authenticated
    @Operation(summary = "A festival's wallet limits", description = "Roles: crew.")
    @APIResponse(responseCode = "200", description = "Limits",
            content = @Content(schema = @Schema(implementation = CashlessSettingsView.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 unknown festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CashlessSettingsView> settings(@PathParam("id") String id) {
        return cashless.settings(CashlessEndpoints.pathId(id, "Festival"));
    }

    @PUT
    @Path("/settings")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a festival's wallet limits",
            description = "Roles: org. Partial: {minTopup?, maxTopup?, maxBalance?} (decimals).")
    @APIResponse(responseCode = "200", description = "Limits",
            content = @Content(schema = @Schema(implementation = CashlessSettingsView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid limit",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "not an organiser of the festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CashlessSettingsView> updateSettings(@PathParam("id") String id, CashlessSettingsRequest body) {
        return cashless.updateSettings(CashlessEndpoints.pathId(id, "Festival"), body);
    }

    @PATCH
    @Path("/settings")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a festival's wallet limits (same as PUT)", description = "Roles: org.")
    @APIResponse(responseCode = "200", description = "Limits",
            content = @Content(schema = @Schema(implementation = CashlessSettingsView.class)))
    public Uni<CashlessSettingsView> patchSettings(@PathParam("id") String id, CashlessSettingsRequest body) {
        return updateSettings(id, body);
    }
}
