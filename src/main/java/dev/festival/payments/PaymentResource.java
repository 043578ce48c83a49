package dev.festival.payments;

import static dev.festival.payments.RequestParsing.optionalId;
import static dev.festival.payments.RequestParsing.pathId;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.money.Money;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.CurrentUser;
import dev.festival.payments.dto.IntentRequest;
import dev.festival.payments.dto.IntentResponse;
import dev.festival.payments.dto.PaymentRefundRequest;
import dev.festival.payments.dto.PaymentView;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

/** HTTP side of API.md "Payments": PaymentIntents, the caller's payments, cancel, refund alias. */
@Path("/payments")
@Tag(name = "Payments", description = "Stripe PaymentIntents, payment records, cancellation")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class PaymentResource {
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    @Inject
    PaymentService payments;

    @Inject
    RefundService refunds;

    @Inject
    CurrentUser currentUser;

    @POST
    @Path("/intent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a Stripe PaymentIntent",
            description = "Roles: auth. userId must be the caller unless ADMIN. amount is a decimal in major units"
                    + " (sent to Stripe as integer cents). The payment is COMPLETED only when Stripe's webhook"
                    + " confirms it. Idempotency-Key header (or idempotencyKey): a repeat answers the first result;"
                    + " the same key with another body → 409 ERR_5007. Alias: POST /api/payments/create-intent.")
    @APIResponse(responseCode = "201", description = "Created; clientSecret is shown only here",
            content = @Content(schema = @Schema(implementation = IntentResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 amount missing or <= 0, bad currency, purpose or ids",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 userId is another user and the caller is not ADMIN",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 festival not found",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5007 idempotency key reused with another request",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "ERR_6001 Stripe refused (card declined, invalid request)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unreachable or timing out",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<IntentResponse>> createIntent(IntentRequest body,
                                                           @HeaderParam(IDEMPOTENCY_HEADER) String idempotencyKey) {
        if (body == null) {
            throw ApiException.invalidField("amount", "is required");
        }
        long cents = RequestParsing.positiveAmount(body.amount(), "amount");
        String currency = body.currency() == null || body.currency().isBlank() ? null
                : Money.currency(body.currency(), "currency");
        UUID festivalId = optionalId(body.festivalId(), "festivalId");
        String purpose = PaymentPurpose.parse(body.purpose(), PaymentPurpose.OTHER).name();
        var metadata = payments.metadata(body.metadata());
        UUID userId = optionalId(body.userId(), "userId");
        Caller caller = Caller.of(currentUser);
        if (userId != null && !userId.equals(caller.id()) && !caller.admin()) {
            throw new ApiException(ErrorCode.NOT_OWNER, "Only ADMIN may create a payment for another user");
        }
        String key = idempotencyKey != null && !idempotencyKey.isBlank() ? idempotencyKey : body.idempotencyKey();
        return payments.createIntent(userId != null ? userId : caller.id(), festivalId, purpose, cents, currency,
                        body.description(), metadata, key)
                .map(r -> RestResponse.status(RestResponse.Status.CREATED, new IntentResponse(r.paymentId(),
                        r.paymentIntentId(), r.clientSecret(), Money.fromCents(r.amountCents()), r.currency(),
                        r.status())));
    }

    @POST
    @Path("/create-intent")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a Stripe PaymentIntent (alias of /intent)", description = "Roles: auth. Same as"
            + " POST /api/payments/intent.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = IntentResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<IntentResponse>> createIntentAlias(IntentRequest body,
                                                                @HeaderParam(IDEMPOTENCY_HEADER) String idempotencyKey) {
        return createIntent(body, idempotencyKey);
    }

    @GET
    @Path("/me")
    @Operation(summary = "The caller's payments", description = "Roles: auth. Newest first; ?limit= (1-100, default"
            + " 20) and ?offset= or ?page=. Answers a bare array, like /payments/user/:userId.")
    @APIResponse(responseCode = "200", description = "Payments", content = @Content(schema =
            @Schema(type = SchemaType.ARRAY, implementation = PaymentView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad limit/offset",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<PaymentView>> mine(@QueryParam("limit") String limit, @QueryParam("offset") String offset,
                                       @QueryParam("page") String page) {
        Caller caller = Caller.of(currentUser);
        return list(caller, caller.id(), limit, offset, page);
    }

    @GET
    @Path("/user/{userId}")
    @Operation(summary = "A user's payments", description = "Roles: ADMIN or self; another user → 403. Newest first;"
            + " ?limit= (1-100, default 20), ?offset=. Answers a bare array.")
    @APIResponse(responseCode = "200", description = "Payments", content = @Content(schema =
            @Schema(type = SchemaType.ARRAY, implementation = PaymentView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4004 userId is not a UUID; ERR_4003 bad limit/offset",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 another user's payments",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<PaymentView>> byUser(@PathParam("userId") String userId, @QueryParam("limit") String limit,
                                         @QueryParam("offset") String offset, @QueryParam("page") String page) {
        UUID id = pathId(userId, "userId");
        return list(Caller.of(currentUser), id, limit, offset, page);
    }

    private Uni<List<PaymentView>> list(Caller caller, UUID userId, String limit, String offset, String page) {
        PageRequest req = PageRequest.parse(page, limit, offset, null, null, null, Set.of(), "createdAt", false);
        return payments.listByUser(caller, userId, req.limit(), req.offset())
                .map(rows -> rows.stream().map(PaymentService::view).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One payment", description = "Roles: the payer, ADMIN, or org of the payment's festival.")
    @APIResponse(responseCode = "200", description = "The payment",
            content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4004 id is not a UUID",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 / ERR_3002 not yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such payment",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PaymentView> get(@PathParam("id") String id) {
        UUID paymentId = pathId(id, "id");
        return payments.get(Caller.of(currentUser), paymentId).map(PaymentService::view);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a pending payment", description = "Roles: the payer, ADMIN, or org of the payment's"
            + " festival. Cancels the PaymentIntent (or expires the Checkout Session) at Stripe, then the payment"
            + " is CANCELLED. Any status other than PENDING → 409 ERR_5009.")
    @APIResponse(responseCode = "200", description = "The cancelled payment",
            content = @Content(schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4004 id is not a UUID",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such payment",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 not PENDING",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PaymentView> cancel(@PathParam("id") String id) {
        UUID paymentId = pathId(id, "id");
        return payments.cancel(Caller.of(currentUser), paymentId).map(PaymentService::view);
    }

    @POST
    @Path("/{id}/refund")
    @ResponseStatus(201)
    @Operation(summary = "Refund a payment (short form)", description = "Roles: ADMIN, org of the payment's festival,"
            + " or the payer within the self-refund policy (14 days after paying and before the festival starts)."
            + " amount is a decimal in major units here (API.md does not mark it cents); absent = the whole"
            + " remaining amount. The answer is the refund, whose amount is (cents).")
    @APIResponse(responseCode = "201", description = "The refund",
            content = @Content(schema = @Schema(implementation = RefundView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4004 id not a UUID; ERR_4001 bad amount; ERR_5011 more than"
            + " the refundable amount", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not allowed; ERR_3001 outside the self-refund policy",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 not completed or already fully refunded",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "ERR_6001 Stripe refused the refund",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RefundView> refund(@PathParam("id") String id, PaymentRefundRequest body,
                                  @HeaderParam(IDEMPOTENCY_HEADER) String idempotencyKey) {
        UUID paymentId = pathId(id, "id");
        Long cents = body == null || body.amount() == null ? null : RequestParsing.positiveAmount(body.amount(), "amount");
        String key = idempotencyKey != null && !idempotencyKey.isBlank() ? idempotencyKey
                : body == null ? null : body.idempotencyKey();
        return refunds.refund(Caller.of(currentUser), paymentId, cents, body == null ? null : body.reason(),
                body == null ? null : body.explanation(), key, false);
    }
}
