package dev.festival.payments;

import static dev.festival.payments.RequestParsing.pathId;
import static dev.festival.payments.RequestParsing.requiredId;
import static dev.festival.payments.RequestParsing.requiredText;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.security.CurrentUser;
import dev.festival.payments.dto.RefundEligibility;
import dev.festival.payments.dto.RefundRequest;
import dev.festival.payments.dto.RefundView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** HTTP side of API.md "Payments" — refunds. Amounts here are (cents). */
@Path("/payments/refunds")
@Tag(name = "Refunds", description = "Refunds of Stripe payments (amounts in cents)")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class RefundResource {
    static final String WHO = "Roles: ADMIN, org of the payment's festival (owner or ORGANIZER member), or the payer"
            + " within the self-refund policy (within festival.payments.self-refund-window, 14 days, of paying and"
            + " before the festival starts). ";

    @Inject
    RefundService refunds;

    @Inject
    CurrentUser currentUser;

    @POST
    @ResponseStatus(201)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refund a payment", description = WHO + "Only COMPLETED / PARTIALLY_REFUNDED payments."
            + " amount (cents) >= 50, the whole remaining amount when absent; never more than paid in total."
            + " reason is free text mapped onto duplicate, fraudulent, requested_by_customer, event_cancelled,"
            + " event_postponed, partial_attendance, quality_issue, other. Idempotency-Key header or"
            + " idempotencyKey: a repeat answers the first refund.")
    @APIResponse(responseCode = "201", description = "The refund (SUCCEEDED, or PENDING while Stripe processes it)",
            content = @Content(schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field; ERR_5011 more than the refundable amount"
            + " (details.refundableAmount)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not allowed; ERR_3001 outside the self-refund policy",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such payment",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 not completed or already fully refunded; ERR_5007"
            + " idempotency key reused", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "ERR_6001 Stripe refused",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RefundView> refund(RefundRequest body, @HeaderParam(PaymentResource.IDEMPOTENCY_HEADER) String key) {
        return create(body, key, false);
    }

    @POST
    @Path("/partial")
    @ResponseStatus(201)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Partially refund a payment", description = WHO + "amount (cents) is required, >= 50.")
    @APIResponse(responseCode = "201", description = "The refund",
            content = @Content(schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field; ERR_5011 more than the refundable amount",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 / ERR_3001",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 not refundable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RefundView> partial(RefundRequest body, @HeaderParam(PaymentResource.IDEMPOTENCY_HEADER) String key) {
        return create(body, key, true);
    }

    private Uni<RefundView> create(RefundRequest body, String headerKey, boolean amountRequired) {
        if (body == null) {
            throw ApiException.invalidField("paymentId", "is required");
        }
        UUID paymentId = requiredId(body.paymentId(), "paymentId");
        Long cents = null;
        if (body.amount() != null || amountRequired) {
            cents = RequestParsing.cents(body.amount(), "amount");
            if (cents < RefundService.MIN_REFUND_CENTS) {
                throw ApiException.invalidField("amount", "must be at least 50 (cents)");
            }
        }
        String reason = requiredText(body.reason(), "reason");
        String key = headerKey != null && !headerKey.isBlank() ? headerKey : body.idempotencyKey();
        return refunds.refund(Caller.of(currentUser), paymentId, cents, reason, body.explanation(), key, true);
    }

    @GET
    @Path("/eligibility/{paymentId}")
    @Operation(summary = "May this payment be refunded, and how much", description = "Roles: the payer, ADMIN, or"
            + " org of the payment's festival. For the payer the self-refund policy applies; refundableAmount is"
            + " (cents).")
    @APIResponse(responseCode = "200", description = "{eligible, refundableAmount (cents), reason?}",
            content = @Content(schema = @Schema(implementation = RefundEligibility.class)))
    @APIResponse(responseCode = "400", description = "ERR_4004 paymentId is not a UUID",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such payment",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RefundEligibility> eligibility(@PathParam("paymentId") String paymentId) {
        return refunds.eligibility(Caller.of(currentUser), pathId(paymentId, "paymentId"));
    }

    @GET
    @Path("/history/{paymentId}")
    @Operation(summary = "Refunds of a payment", description = "Roles: the payer, ADMIN, or org of the payment's"
            + " festival. Oldest first; a bare array.")
    @APIResponse(responseCode = "200", description = "Refunds", content = @Content(schema =
            @Schema(type = SchemaType.ARRAY, implementation = RefundView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4004 paymentId is not a UUID",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such payment",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<RefundView>> history(@PathParam("paymentId") String paymentId) {
        return refunds.history(Caller.of(currentUser), pathId(paymentId, "paymentId"));
    }

    @GET
    @Path("/{refundId}")
    @Operation(summary = "One refund", description = "Roles: the payer, ADMIN, or org of the payment's festival.")
    @APIResponse(responseCode = "200", description = "The refund",
            content = @Content(schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4004 refundId is not a UUID",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such refund",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RefundView> get(@PathParam("refundId") String refundId) {
        return refunds.get(Caller.of(currentUser), pathId(refundId, "refundId"));
    }
}
