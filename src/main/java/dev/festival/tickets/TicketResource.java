package dev.festival.tickets;

import dev.festival.common.web.PathIds;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorBody;
import dev.festival.common.security.CurrentUser;
import dev.festival.payments.Caller;
import dev.festival.tickets.dto.InvoiceView;
import dev.festival.tickets.dto.PurchaseRequest;
import dev.festival.tickets.dto.PurchaseResponse;
import dev.festival.tickets.dto.QrCodeResponse;
import dev.festival.tickets.signing.QrImages;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.core.Response;
import dev.festival.tickets.dto.TicketView;
import dev.festival.tickets.dto.TransferRequest;
import dev.festival.tickets.dto.ValidateRequest;
import dev.festival.tickets.dto.ValidationResult;
import dev.festival.users.Emails;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

/** API.md "Tickets": purchase, the caller's tickets, transfer, cancel/refund, validate and scan, invoices. */
@Path("/tickets")
@Tag(name = "Tickets")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class TicketResource {
    static final int MAX_QUANTITY = 50;

    @Inject
    TicketService tickets;

    @Inject
    TicketValidationService validation;

    @Inject
    CurrentUser currentUser;

    // ------------------------------------------------------------------ purchase

    @POST
    @Path("/purchase")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Buy tickets", description = "Roles: auth. Reserves quota atomically. A free category"
            + " issues SOLD tickets at once; a paid one answers RESERVED tickets and payment {paymentId,"
            + " paymentIntentId, clientSecret}: the tickets become SOLD when Stripe's webhook confirms, and the"
            + " reservation lapses after festival.tickets.reservation-ttl (15 min). Idempotency-Key header (or"
            + " idempotencyKey) replays the first answer. Alias: POST /api/tickets/buy.")
    @APIResponse(responseCode = "201", description = "Order and tickets",
            content = @Content(schema = @Schema(implementation = PurchaseResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 validation; ERR_5004 over the per-user limit;"
            + " ERR_5008 sale not open", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such festival or category",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5004 sold out; ERR_5007 idempotency key reused",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "ERR_6001 payment provider error (reservation released)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "ERR_6002 payment provider unavailable (reservation released)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PurchaseResponse> purchase(PurchaseRequest body, @HeaderParam("Idempotency-Key") String key) {
        TicketService.Purchase p = purchaseOf(body, key);
        return tickets.purchase(currentUser.id(), p);
    }

    @POST
    @Path("/buy")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Buy tickets (alias of /purchase)", description = "Roles: auth. Same as POST"
            + " /api/tickets/purchase.")
    @APIResponse(responseCode = "201", description = "Order and tickets",
            content = @Content(schema = @Schema(implementation = PurchaseResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 / ERR_5004 / ERR_5008",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5004 sold out",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PurchaseResponse> buy(PurchaseRequest body, @HeaderParam("Idempotency-Key") String key) {
        return purchase(body, key);
    }

    @POST
    @Path("/guest-purchase")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Buy tickets without an account", description = "Roles: public. email, firstName and"
            + " lastName are required; the account with that email is used, or created (PENDING_VERIFICATION; the"
            + " buyer sets a password through forgot-password). Then as POST /api/tickets/purchase.")
    @APIResponse(responseCode = "201", description = "Order and tickets",
            content = @Content(schema = @Schema(implementation = PurchaseResponse.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 / ERR_5004 / ERR_5008",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_2005 the account with this email is disabled",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5004 sold out",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<PurchaseResponse> guestPurchase(PurchaseRequest body, @HeaderParam("Idempotency-Key") String key) {
        if (body == null) {
            throw ApiException.invalidField("email", "is required");
        }
        String email = body.email() == null ? null : body.email().trim();
        if (email == null || email.isEmpty() || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ApiException.invalidField("email", "must be a well-formed email address");
        }
        String first = required(body.firstName(), "firstName");
        String last = required(body.lastName(), "lastName");
        TicketService.Purchase p = purchaseOf(body, key);
        return tickets.guestPurchase(Emails.normalize(email), first, last,
                body.phone() == null || body.phone().isBlank() ? null : body.phone().trim(), p);
    }

    // ------------------------------------------------------------------ reads

    @GET
    @Path("/me")
    @Operation(summary = "The caller's tickets", description = "Roles: auth. A bare array, newest first;"
            + " ?festivalId= filters. qrCode is set on SOLD tickets only. Alias: GET /api/tickets.")
    @APIResponse(responseCode = "200", description = "Tickets",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4003 bad festivalId",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<TicketView>> mine(@QueryParam("festivalId") String festivalId) {
        UUID fid = null;
        if (festivalId != null && !festivalId.isBlank()) {
            try {
                fid = UUID.fromString(festivalId.trim());
            } catch (IllegalArgumentException e) {
                throw dev.festival.common.paging.PageRequest.badParameter("festivalId", "must be a UUID");
            }
        }
        return tickets.mine(currentUser.id(), fid);
    }

    @GET
    @Operation(summary = "The caller's tickets (alias of /me)", description = "Roles: auth. A bare array.")
    @APIResponse(responseCode = "200", description = "Tickets",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = TicketView.class)))
    public Uni<List<TicketView>> mineAlias(@QueryParam("festivalId") String festivalId) {
        return mine(festivalId);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One ticket", description = "Roles: the holder, crew of the festival,"
            + " ADMIN. qrCode is the signed payload, null unless SOLD.")
    @APIResponse(responseCode = "200", description = "The ticket",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 not the holder nor crew",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such ticket",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TicketView> get(@PathParam("id") String id) {
        return tickets.get(currentUser.id(), ticketId(id));
    }

    @GET
    @Path("/{id}/qrcode")
    @Produces({MediaType.APPLICATION_JSON, "image/png"})
    @Operation(summary = "The ticket's QR image", description = "Roles: the holder, crew of the festival, ADMIN."
            + " {qrCode: \"data:image/png;base64,...\"}, or the PNG itself with Accept: image/png. Only SOLD"
            + " tickets have one. Alias: GET /api/tickets/:id/qr.")
    @APIResponse(responseCode = "200", description = "The QR image",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = QrCodeResponse.class)),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "403", description = "ERR_3002 not the holder nor crew",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such ticket",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 the ticket is not SOLD",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> qrCode(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
        boolean png = accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("image/png");
        return tickets.qrPayload(currentUser.id(), ticketId(id))
                // Drawing the PNG is CPU work: off the event loop.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(payload -> png
                        ? Response.ok(QrImages.png(payload), "image/png").build()
                        : Response.ok(new QrCodeResponse(QrImages.dataUrl(payload)), MediaType.APPLICATION_JSON)
                                .build());
    }

    @GET
    @Path("/{id}/qr")
    @Produces({MediaType.APPLICATION_JSON, "image/png"})
    @Operation(summary = "The ticket's QR image (alias of /qrcode)", description = "Roles: the holder, crew, ADMIN.")
    @APIResponse(responseCode = "200", description = "The QR image",
            content = @Content(schema = @Schema(implementation = QrCodeResponse.class)))
    public Uni<Response> qr(@PathParam("id") String id, @HeaderParam("Accept") String accept) {
        return qrCode(id, accept);
    }

    @GET
    @Path("/orders/{orderId}/invoice")
    @Operation(summary = "Receipt of an order (JSON)", description = "Roles: the buyer, org of the festival, ADMIN.")
    @APIResponse(responseCode = "200", description = "The receipt",
            content = @Content(schema = @Schema(implementation = InvoiceView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3002 / ERR_3003",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such order",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<InvoiceView> invoice(@PathParam("orderId") String orderId) {
        UUID id;
        try {
            id = UUID.fromString(orderId.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Order");
        }
        return tickets.invoice(currentUser.id(), id);
    }

    // ------------------------------------------------------------------ transfer, cancel

    @POST
    @Path("/{id}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a ticket to another user", description = "Roles: the holder. {recipientEmail} (alias"
            + " email). Answers the recipient's ticket: still SOLD, a new QR; the old QR is revoked.")
    @APIResponse(responseCode = "200", description = "The transferred ticket",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 missing recipientEmail, or the holder themself",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3003 not the holder",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such ticket or recipient",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5006 used; ERR_5009 not SOLD",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TicketView> transfer(@PathParam("id") String id, TransferRequest body) {
        if (body == null || body.recipientEmail() == null || body.recipientEmail().isBlank()) {
            throw ApiException.invalidField("recipientEmail", "is required");
        }
        return tickets.transfer(currentUser.id(), ticketId(id), body.recipientEmail().trim());
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a ticket", description = "Roles: the holder, org, ADMIN. RESERVED: the order's"
            + " reservation is released. SOLD free: CANCELLED. SOLD paid: refunded through Stripe (the payer within"
            + " the refund policy, or org), then REFUNDED. Quota returns. Also DELETE /api/tickets/:id.")
    @APIResponse(responseCode = "200", description = "The ticket after cancellation",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 / ERR_3003",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such ticket",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009 used, or already cancelled/refunded",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "502", description = "ERR_6001 the refund was refused by Stripe",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TicketView> cancel(@PathParam("id") String id) {
        return tickets.cancel(Caller.of(currentUser), ticketId(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel a ticket (alias of POST /:id/cancel)", description = "Roles: the holder, org, ADMIN.")
    @APIResponse(responseCode = "200", description = "The ticket after cancellation",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "409", description = "ERR_5009",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TicketView> delete(@PathParam("id") String id) {
        return cancel(id);
    }

    // ------------------------------------------------------------------ validate, scan

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a ticket QR (dry run)", description = "Roles: auth to ask; a QR that does not"
            + " verify answers valid:false invalid_signature to anyone. For a genuine QR: STAFF or SECURITY of the"
            + " festival, org or ADMIN, else 403. Changes nothing. reason: ok already_used invalid_signature revoked"
            + " wrong_festival not_yet_valid expired unpaid.")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(schema = @Schema(implementation = ValidationResult.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 qrCode missing",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 / ERR_3002 not staff of the ticket's festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ValidationResult> validate(ValidateRequest body) {
        String qr = qr(body);
        return validation.byQr(currentUser.id(), qr, festivalOf(body), zone(body), device(body), false);
    }

    @POST
    @Path("/{id}/validate")
    @Operation(summary = "Check a ticket by id (dry run)", description = "Roles: STAFF or SECURITY of the festival,"
            + " org, ADMIN. As POST /api/tickets/validate, for the ticket's current QR.")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(schema = @Schema(implementation = ValidationResult.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 / ERR_3002",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "ERR_5001 no such ticket",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ValidationResult> validateById(@PathParam("id") String id, ValidateRequest body) {
        return validation.byId(currentUser.id(), ticketId(id), festivalOf(body), zone(body), device(body), false);
    }

    @POST
    @Path("/scan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Admit a ticket at the gate", description = "Roles: as validate. Marks the ticket USED once"
            + " (of concurrent scans exactly one answers ok, the others already_used).")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(schema = @Schema(implementation = ValidationResult.class)))
    @APIResponse(responseCode = "400", description = "ERR_4001 qrCode missing",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 / ERR_3002 not staff of the ticket's festival",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ValidationResult> scan(ValidateRequest body) {
        String qr = qr(body);
        return validation.byQr(currentUser.id(), qr, festivalOf(body), zone(body), device(body), true);
    }

    @POST
    @Path("/{qrCode: .+}/scan")
    @Operation(summary = "Admit a ticket (older path form)", description = "Roles: as validate. The QR payload in"
            + " the path, ?zoneId= optional.")
    @APIResponse(responseCode = "200", description = "The verdict",
            content = @Content(schema = @Schema(implementation = ValidationResult.class)))
    @APIResponse(responseCode = "403", description = "ERR_3001 / ERR_3002",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ValidationResult> scanByPath(@PathParam("qrCode") String qrCode, @QueryParam("zoneId") String zoneId) {
        return validation.byQr(currentUser.id(), qrCode, null, blankToNull(zoneId), null, true);
    }

    // ------------------------------------------------------------------ helpers

    private static TicketService.Purchase purchaseOf(PurchaseRequest body, String headerKey) {
        if (body == null) {
            throw ApiException.invalidField("festivalId", "is required");
        }
        UUID festivalId = bodyId(body.festivalId(), "festivalId");
        UUID categoryId = bodyId(body.categoryId(), "categoryId");
        int quantity = body.quantity() == null ? 1 : body.quantity();
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw ApiException.invalidField("quantity", "must be between 1 and " + MAX_QUANTITY);
        }
        String key = headerKey != null && !headerKey.isBlank() ? headerKey.trim() : blankToNull(body.idempotencyKey());
        if (key != null && key.length() > 200) {
            throw ApiException.invalidField("idempotencyKey", "must be at most 200 characters");
        }
        return new TicketService.Purchase(festivalId, categoryId, quantity, blankToNull(body.promoCode()), key);
    }

    private static UUID bodyId(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be a UUID");
        }
    }

    private static String required(String s, String field) {
        if (s == null || s.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        return s.trim();
    }

    private static String qr(ValidateRequest body) {
        if (body == null || body.qrCode() == null || body.qrCode().isBlank()) {
            throw ApiException.invalidField("qrCode", "is required");
        }
        if (body.qrCode().length() > 4096) {
            throw ApiException.invalidField("qrCode", "is too long");
        }
        return body.qrCode().trim();
    }

    private static UUID festivalOf(ValidateRequest body) {
        if (body == null || body.festivalId() == null || body.festivalId().isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(body.festivalId().trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("festivalId", "must be a UUID");
        }
    }

    private static String zone(ValidateRequest body) {
        return body == null ? null : blankToNull(body.zoneId());
    }

    private static String device(ValidateRequest body) {
        return body == null ? null : blankToNull(body.deviceId());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static UUID ticketId(String raw) {
        return PathIds.orNotFound(raw, "Ticket");
    }
}
