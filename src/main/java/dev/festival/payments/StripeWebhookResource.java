package dev.festival.payments;

import dev.festival.common.error.ErrorBody;
import dev.festival.payments.dto.WebhookAck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Stripe's webhook endpoint. The body is taken as the raw String (never parsed by Jackson before
 * the signature is checked: the HMAC covers the exact bytes Stripe sent).
 */
@Path("/payments/webhook")
@Tag(name = "Payments")
public class StripeWebhookResource {
    @Inject
    StripeWebhooks webhooks;

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stripe webhook", description = "Roles: public (Stripe; authenticated by the Stripe-Signature"
            + " header, verified with festival.stripe.webhook-secret). Handles payment_intent.succeeded / processing /"
            + " payment_failed / canceled, checkout.session.completed / async_payment_succeeded /"
            + " async_payment_failed / expired, charge.refunded and refund.updated; other types are recorded and"
            + " acknowledged. Each event id changes state at most once; a 500 means nothing was applied and Stripe"
            + " should retry.")
    @APIResponse(responseCode = "200", description = "{received: true}",
            content = @Content(schema = @Schema(implementation = WebhookAck.class)))
    @APIResponse(responseCode = "400", description = "ERR_6003 missing or invalid signature (nothing changes);"
            + " ERR_4002 payload is not a Stripe event", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<WebhookAck> receive(String payload, @HeaderParam("Stripe-Signature") String signature) {
        return webhooks.receive(payload, signature).replaceWith(new WebhookAck(true));
    }
}
