package dev.festival.payments;

import static dev.festival.payments.RequestParsing.optionalId;
import static dev.festival.payments.RequestParsing.requiredId;
import static dev.festival.payments.RequestParsing.requiredText;
import static dev.festival.payments.RequestParsing.requiredUrl;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.money.Money;
import dev.festival.common.security.CurrentUser;
import dev.festival.payments.PaymentService.CheckoutLine;
import dev.festival.payments.PaymentService.CheckoutSpec;
import dev.festival.payments.dto.CheckoutRequest;
import dev.festival.payments.dto.CheckoutResponse;
import dev.festival.payments.dto.CheckoutStatusResponse;
import dev.festival.payments.dto.LineItemRequest;
import dev.festival.payments.dto.TicketCheckoutRequest;
import dev.festival.payments.dto.TopupCheckoutRequest;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** HTTP side of API.md "Payments" — Stripe Checkout. */
@Path("/payments/checkout")
@Tag(name = "Payments", description = "Stripe PaymentIntents, payment records, cancellation")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CheckoutResource {
    static final long MIN_UNIT_CENTS = 50;

    @Inject
    PaymentService payments;

    @Inject
    CurrentUser currentUser;

    @POST
    @ResponseStatus(201)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a Stripe Checkout Session", description = "Roles: auth; userId must be the caller"
            + " unless ADMIN (default: the caller). mode: payment (subscriptions go through"
            + " /api/payments/subscriptions). lineItems[].unitAmount is (cents), integer >= 50; quantity 1-99."
            + " expiresAfterMinutes 30-1440. Idempotency-Key header supported.")
    @APIResponse(responseCode = "201", description = "Session created",
            content = @Content(schema = @Schema(implementation = CheckoutResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 userId is another user",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "ERR_6001 Stripe refused",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CheckoutResponse> create(CheckoutRequest body, @HeaderParam(PaymentResource.IDEMPOTENCY_HEADER) String key) {
        if (body == null) {
            throw ApiException.invalidField("lineItems", "is required");
        }
        String mode = body.mode() == null ? "payment" : body.mode().trim().toLowerCase(Locale.ROOT);
        if (mode.equals("subscription") || mode.equals("setup")) {
            throw ApiException.invalidField("mode", "only payment is supported here; use /api/payments/subscriptions");
        }
        if (!mode.equals("payment")) {
            throw ApiException.invalidField("mode", "must be payment, subscription or setup");
        }
        if (body.lineItems() == null || body.lineItems().isEmpty()) {
            throw ApiException.invalidField("lineItems", "must contain at least one item");
        }
        if (body.lineItems().size() > 100) {
            throw ApiException.invalidField("lineItems", "at most 100 items");
        }
        List<CheckoutLine> lines = new ArrayList<>();
        for (int i = 0; i < body.lineItems().size(); i++) {
            LineItemRequest li = body.lineItems().get(i);
            String at = "lineItems[" + i + "].";
            if (li == null) {
                throw ApiException.invalidField("lineItems[" + i + "]", "must not be null");
            }
            long unit = RequestParsing.cents(li.unitAmount(), at + "unitAmount");
            if (unit < MIN_UNIT_CENTS) {
                throw ApiException.invalidField(at + "unitAmount", "must be at least 50 (cents)");
            }
            lines.add(new CheckoutLine(requiredText(li.name(), at + "name"), li.description(), unit,
                    quantity(li.quantity(), at + "quantity"), li.images(), payments.metadata(li.metadata())));
        }
        String successUrl = requiredUrl(body.successUrl(), "successUrl");
        String cancelUrl = requiredUrl(body.cancelUrl(), "cancelUrl");
        Integer expires = body.expiresAfterMinutes();
        if (expires != null && (expires < 30 || expires > 1440)) {
            throw ApiException.invalidField("expiresAfterMinutes", "must be between 30 and 1440");
        }
        String currency = body.currency() == null || body.currency().isBlank() ? null
                : Money.currency(body.currency(), "currency");
        UUID festivalId = optionalId(body.festivalId(), "festivalId");
        PaymentPurpose purpose = PaymentPurpose.parse(body.purpose(), PaymentPurpose.OTHER);
        Map<String, String> metadata = payments.metadata(body.metadata());
        UUID userId = payer(body.userId());
        String description = lines.size() == 1 ? lines.get(0).name() : lines.get(0).name() + " and "
                + (lines.size() - 1) + " more";
        CheckoutSpec spec = new CheckoutSpec(festivalId, purpose, currency, lines, successUrl, cancelUrl,
                body.customerEmail(), Boolean.TRUE.equals(body.allowPromotionCodes()), expires, metadata, description);
        return payments.createCheckout(userId, spec, idempotencyKey(key, body.idempotencyKey()));
    }

    @POST
    @Path("/ticket")
    @ResponseStatus(201)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Checkout for tickets", description = "Roles: auth; userId must be the caller unless ADMIN."
            + " tickets[].price is a decimal in major units (>= 0.50), quantity 1-99. The payment's purpose is"
            + " TICKET; the ticket lines are kept in the payment's metadata for the tickets feature.")
    @APIResponse(responseCode = "201", description = "Session created (expiresAt included)",
            content = @Content(schema = @Schema(implementation = CheckoutResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 userId is another user",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 festival not found",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CheckoutResponse> ticket(TicketCheckoutRequest body,
                                        @HeaderParam(PaymentResource.IDEMPOTENCY_HEADER) String key) {
        if (body == null) {
            throw ApiException.invalidField("festivalId", "is required");
        }
        UUID festivalId = requiredId(body.festivalId(), "festivalId");
        if (body.tickets() == null || body.tickets().isEmpty()) {
            throw ApiException.invalidField("tickets", "must contain at least one ticket");
        }
        List<CheckoutLine> lines = new ArrayList<>();
        StringBuilder summary = new StringBuilder();
        for (int i = 0; i < body.tickets().size(); i++) {
            TicketCheckoutRequest.TicketLine t = body.tickets().get(i);
            String at = "tickets[" + i + "].";
            if (t == null) {
                throw ApiException.invalidField("tickets[" + i + "]", "must not be null");
            }
            long unit = RequestParsing.positiveAmount(t.price(), at + "price");
            if (unit < MIN_UNIT_CENTS) {
                throw ApiException.invalidField(at + "price", "must be at least 0.50");
            }
            long qty = quantity(t.quantity(), at + "quantity");
            UUID category = optionalId(t.categoryId(), at + "categoryId");
            Map<String, String> lineMeta = category == null ? Map.of() : Map.of("categoryId", category.toString());
            lines.add(new CheckoutLine(requiredText(t.name(), at + "name"), null, unit, qty, null, lineMeta));
            if (!summary.isEmpty()) {
                summary.append(',');
            }
            summary.append(category == null ? "-" : category).append(':').append(qty);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("tickets", summary.toString());
        CheckoutSpec spec = new CheckoutSpec(festivalId, PaymentPurpose.TICKET, null, lines,
                requiredUrl(body.successUrl(), "successUrl"), requiredUrl(body.cancelUrl(), "cancelUrl"), null, false,
                null, metadata, "Tickets");
        UUID userId = payer(body.userId());
        return payments.createCheckout(userId, spec, idempotencyKey(key, body.idempotencyKey()));
    }

    @POST
    @Path("/cashless-topup")
    @ResponseStatus(201)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Checkout for a cashless top-up", description = "Roles: auth; userId must be the caller"
            + " unless ADMIN. amount is a decimal in major units. The payment's purpose is CASHLESS_TOPUP: the"
            + " wallet is credited by the cashless feature when Stripe's webhook confirms the payment.")
    @APIResponse(responseCode = "201", description = "Session created (expiresAt included)",
            content = @Content(schema = @Schema(implementation = CheckoutResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 invalid field",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 userId is another user",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 festival not found",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CheckoutResponse> cashlessTopup(TopupCheckoutRequest body,
                                               @HeaderParam(PaymentResource.IDEMPOTENCY_HEADER) String key) {
        if (body == null) {
            throw ApiException.invalidField("amount", "is required");
        }
        long cents = RequestParsing.positiveAmount(body.amount(), "amount");
        if (cents < MIN_UNIT_CENTS) {
            throw ApiException.invalidField("amount", "must be at least 0.50");
        }
        UUID festivalId = requiredId(body.festivalId(), "festivalId");
        CheckoutSpec spec = new CheckoutSpec(festivalId, PaymentPurpose.CASHLESS_TOPUP, null,
                List.of(new CheckoutLine("Cashless top-up", null, cents, 1, null, Map.of())),
                requiredUrl(body.successUrl(), "successUrl"), requiredUrl(body.cancelUrl(), "cancelUrl"), null, false,
                null, Map.of(), "Cashless top-up");
        UUID userId = payer(body.userId());
        return payments.createCheckout(userId, spec, idempotencyKey(key, body.idempotencyKey()));
    }

    @GET
    @Path("/{sessionId}")
    @Operation(summary = "Status of a Checkout Session", description = "Roles: the payer, ADMIN, or org of the"
            + " payment's festival. Asks Stripe.")
    @APIResponse(responseCode = "200", description = "{status: open|complete|expired, paymentStatus}",
            content = @Content(schema = @Schema(implementation = CheckoutStatusResponse.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such session",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CheckoutStatusResponse> status(@PathParam("sessionId") String sessionId) {
        return payments.checkoutStatus(Caller.of(currentUser), sessionId);
    }

    @POST
    @Path("/{sessionId}/expire")
    @ResponseStatus(204)
    @Operation(summary = "Expire an open Checkout Session", description = "Roles: the payer, ADMIN, or org of the"
            + " payment's festival. The payment becomes CANCELLED; a completed payment → 409 ERR_5009.")
    @APIResponse(responseCode = "204", description = "Expired")
    @APIResponse(responseCode = "403", description = "ERR_3003 not yours",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such session",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 the payment is no longer pending",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 Stripe unavailable",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Void> expire(@PathParam("sessionId") String sessionId) {
        return payments.expireCheckout(Caller.of(currentUser), sessionId);
    }

    private UUID payer(String userIdField) {
        UUID userId = optionalId(userIdField, "userId");
        Caller caller = Caller.of(currentUser);
        if (userId != null && !userId.equals(caller.id()) && !caller.admin()) {
            throw new ApiException(ErrorCode.NOT_OWNER, "Only ADMIN may create a payment for another user");
        }
        return userId != null ? userId : caller.id();
    }

    private static long quantity(Integer q, String field) {
        if (q == null) {
            throw ApiException.invalidField(field, "is required");
        }
        if (q < 1 || q > 99) {
            throw ApiException.invalidField(field, "must be between 1 and 99");
        }
        return q;
    }

    private static String idempotencyKey(String header, String field) {
        return header != null && !header.isBlank() ? header : field;
    }
}
