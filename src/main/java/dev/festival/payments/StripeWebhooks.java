package dev.festival.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Stripe webhook events → payment state, exactly once. The signature is checked with stripe-java's
 * {@code Webhook.Signature.verifyHeader} (the check {@code Webhook.constructEvent} performs) before
 * anything is read; the payload is then read with Jackson rather than stripe-java's typed
 * deserializer, so an event of another API version is never lost to a parse failure.
 *
 * <p>One transaction per event: lock the payment, insert the event id into {@code webhook_events}
 * (a duplicate stops here, and a concurrent duplicate waits for the first to commit), move the
 * status with a conditional UPDATE, and, only when the UPDATE reached COMPLETED, run the purpose's
 * {@link PaymentEffect}s on the same connection. A failing effect rolls everything back, the event
 * included, and the 500 makes Stripe deliver it again.
 *
 * <p>Ordering rules (Stripe does not guarantee delivery order):
 * <ul>
 *   <li>succeeded → COMPLETED from PENDING, PROCESSING, FAILED or CANCELLED: money was taken, that
 *       is the truth (a failed attempt may be followed by a successful one on the same intent);</li>
 *   <li>processing / payment_failed never touch COMPLETED or refunded payments, and an event older
 *       than the newest one applied is ignored ({@code provider_event_at});</li>
 *   <li>canceled / checkout expired → CANCELLED only from PENDING, PROCESSING or FAILED.</li>
 * </ul>
 */
@ApplicationScoped
public class StripeWebhooks {
    private static final Logger LOG = Logger.getLogger(StripeWebhooks.class);

    enum Kind { SUCCEEDED, PROCESSING, FAILED, CANCELLED, CHARGE_REFUNDED, REFUND_UPDATED, IGNORED }

    /** What the event says, read leniently from the raw JSON. */
    record Facts(String eventId, String type, OffsetDateTime createdAt, Kind kind, UUID paymentId,
                 String paymentIntentId, String sessionId, String failureMessage, Long amountRefunded,
                 UUID refundId, String providerRefundId, String refundStatus) {
    }

    /** What the transaction did, for the announcements after commit. */
    record Outcome(String what, PaymentRecord payment, long refundedCents) {
        static final Outcome DUPLICATE = new Outcome("duplicate", null, 0);
    }

    @Inject
    StripeConfig config;

    @Inject
    ObjectMapper mapper;

    @Inject
    PaymentStore store;

    @Inject
    PaymentEffects effects;

    @Inject
    PaymentEvents events;

    public Uni<Void> receive(String payload, String signature) {
        Facts facts = verifyAndRead(payload, signature);
        return store.pool().withTransaction(tx -> apply(tx, facts))
                .invoke(outcome -> announce(facts, outcome))
                .onFailure().invoke(e -> LOG.warnf("stripe.webhook eventId=%s type=%s failed, Stripe will retry: %s",
                        facts.eventId(), facts.type(), e.toString()))
                .replaceWithVoid();
    }

    Facts verifyAndRead(String payload, String signature) {
        String secret = config.webhookSecret().filter(s -> !s.isBlank()).orElse(null);
        if (secret == null) {
            LOG.error("festival.stripe.webhook-secret is not configured: every webhook is rejected");
            throw new ApiException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "Webhook signature cannot be verified");
        }
        if (signature == null || signature.isBlank()) {
            throw new ApiException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "Missing Stripe-Signature header");
        }
        String body = payload == null ? "" : payload;
        try {
            Webhook.Signature.verifyHeader(body, signature, secret, config.webhookTolerance().toSeconds());
        } catch (SignatureVerificationException e) {
            throw new ApiException(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "Webhook signature invalid");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "Malformed webhook payload");
        }
        if (root == null || !root.hasNonNull("id") || !root.hasNonNull("type")) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "Webhook payload without id or type");
        }
        return read(root);
    }

    static Facts read(JsonNode root) {
        String type = root.path("type").asText();
        long created = root.path("created").asLong(0);
        OffsetDateTime createdAt = created > 0 ? OffsetDateTime.ofInstant(Instant.ofEpochSecond(created), ZoneOffset.UTC)
                : OffsetDateTime.now(ZoneOffset.UTC);
        JsonNode obj = root.path("data").path("object");
        JsonNode meta = obj.path("metadata");
        UUID paymentId = uuid(text(meta, "paymentId"));
        String objectId = text(obj, "id");
        String pi = null;
        String session = null;
        String failure = null;
        Long refunded = null;
        UUID refundId = null;
        String providerRefundId = null;
        String refundStatus = null;
        Kind kind;
        switch (type) {
            case "payment_intent.succeeded" -> kind = Kind.SUCCEEDED;
            case "payment_intent.processing" -> kind = Kind.PROCESSING;
            case "payment_intent.payment_failed" -> kind = Kind.FAILED;
            case "payment_intent.canceled" -> kind = Kind.CANCELLED;
            case "checkout.session.completed" -> kind = switch (obj.path("payment_status").asText("")) {
                case "paid", "no_payment_required" -> Kind.SUCCEEDED;
                default -> Kind.PROCESSING;
            };
            case "checkout.session.async_payment_succeeded" -> kind = Kind.SUCCEEDED;
            case "checkout.session.async_payment_failed" -> kind = Kind.FAILED;
            case "checkout.session.expired" -> kind = Kind.CANCELLED;
            case "charge.refunded" -> kind = Kind.CHARGE_REFUNDED;
            case "refund.created", "refund.updated", "refund.failed", "charge.refund.updated" ->
                    kind = Kind.REFUND_UPDATED;
            default -> kind = Kind.IGNORED;
        }
        if (type.startsWith("payment_intent.")) {
            pi = objectId;
            failure = text(obj.path("last_payment_error"), "message");
        } else if (type.startsWith("checkout.session.")) {
            session = objectId;
            pi = idOf(obj.path("payment_intent"));
            if (paymentId == null) {
                paymentId = uuid(text(obj, "client_reference_id"));
            }
        } else if (kind == Kind.CHARGE_REFUNDED) {
            pi = idOf(obj.path("payment_intent"));
            refunded = obj.hasNonNull("amount_refunded") ? obj.path("amount_refunded").asLong() : null;
        } else if (kind == Kind.REFUND_UPDATED) {
            pi = idOf(obj.path("payment_intent"));
            providerRefundId = objectId;
            refundStatus = text(obj, "status");
            refundId = uuid(text(meta, "refundId"));
            failure = text(obj, "failure_reason");
        }
        return new Facts(root.path("id").asText(), type, createdAt, kind, paymentId, pi, session, failure, refunded,
                refundId, providerRefundId, refundStatus);
    }

    private Uni<Outcome> apply(SqlConnection tx, Facts f) {
        Uni<PaymentRecord> locked = f.kind() == Kind.IGNORED
                || (f.paymentId() == null && f.paymentIntentId() == null && f.sessionId() == null)
                ? Uni.createFrom().nullItem()
                : store.lockForEvent(tx, f.paymentId(), f.paymentIntentId(), f.sessionId());
        return locked.flatMap(payment -> store.recordEvent(tx, f.eventId(), f.type(),
                        payment == null ? null : payment.id())
                .flatMap(fresh -> {
                    if (!fresh) {
                        return Uni.createFrom().item(Outcome.DUPLICATE);
                    }
                    if (payment == null) {
                        return Uni.createFrom().item(new Outcome(f.kind() == Kind.IGNORED ? "ignored" : "no-payment",
                                null, 0));
                    }
                    return change(tx, f, payment);
                }));
    }

    private Uni<Outcome> change(SqlConnection tx, Facts f, PaymentRecord payment) {
        UUID id = payment.id();
        boolean wasOpen = payment.status() == PaymentStatus.PENDING || payment.status() == PaymentStatus.PROCESSING;
        return switch (f.kind()) {
            case SUCCEEDED -> store.transition(tx, id, PaymentStatus.COMPLETED,
                            List.of(PaymentStatus.PENDING, PaymentStatus.PROCESSING, PaymentStatus.FAILED,
                                    PaymentStatus.CANCELLED), false, f.createdAt(), f.paymentIntentId(), null)
                    .flatMap(rec -> rec == null ? unchanged()
                            : effects.succeeded(tx, rec).replaceWith(new Outcome("completed", rec, 0)));
            case PROCESSING -> store.transition(tx, id, PaymentStatus.PROCESSING,
                            List.of(PaymentStatus.PENDING, PaymentStatus.FAILED), true, f.createdAt(),
                            f.paymentIntentId(), null)
                    .map(rec -> rec == null ? new Outcome("unchanged", null, 0) : new Outcome("processing", rec, 0));
            case FAILED -> store.transition(tx, id, PaymentStatus.FAILED,
                            List.of(PaymentStatus.PENDING, PaymentStatus.PROCESSING), true, f.createdAt(),
                            f.paymentIntentId(), f.failureMessage() == null ? "Payment failed" : f.failureMessage())
                    .flatMap(rec -> rec == null ? unchanged()
                            : effects.failed(tx, rec).replaceWith(new Outcome("failed", rec, 0)));
            case CANCELLED -> store.transition(tx, id, PaymentStatus.CANCELLED,
                            List.of(PaymentStatus.PENDING, PaymentStatus.PROCESSING, PaymentStatus.FAILED), false,
                            f.createdAt(), f.paymentIntentId(), null)
                    .flatMap(rec -> rec == null ? unchanged()
                            : (wasOpen ? effects.failed(tx, rec) : Uni.createFrom().voidItem())
                                    .replaceWith(new Outcome("cancelled", rec, 0)));
            case CHARGE_REFUNDED -> f.amountRefunded() == null ? unchanged()
                    : store.applyExternalRefund(tx, id, f.amountRefunded(), null)
                    .flatMap(ext -> ext == null ? unchanged()
                            : effects.refunded(tx, ext.payment(), ext.deltaCents())
                                    .replaceWith(new Outcome("refunded", ext.payment(), ext.deltaCents())));
            case REFUND_UPDATED -> refundUpdated(tx, f);
            case IGNORED -> unchanged();
        };
    }

    private Uni<Outcome> refundUpdated(SqlConnection tx, Facts f) {
        return store.findRefundForEvent(tx, f.refundId(), f.providerRefundId()).flatMap(refund -> {
            if (refund == null || f.refundStatus() == null) {
                return unchanged();
            }
            return switch (f.refundStatus()) {
                case "succeeded" -> store.succeedRefund(tx, refund.id(), f.providerRefundId())
                        .flatMap(p -> p == null ? unchanged()
                                : effects.refunded(tx, p, refund.amountCents())
                                        .replaceWith(new Outcome("refunded", p, refund.amountCents())));
                case "failed", "canceled" -> {
                    if (!"PENDING".equals(refund.status()) && !"SUCCEEDED".equals(refund.status())) {
                        yield unchanged();
                    }
                    // The money went back to us: the amount is refundable again. Effects already
                    // applied for a SUCCEEDED refund are not reversed (logged for follow-up).
                    if ("SUCCEEDED".equals(refund.status())) {
                        LOG.warnf("refund.reversed refundId=%s paymentId=%s: refund failed at Stripe after success",
                                refund.id(), refund.paymentId());
                    }
                    yield store.releaseRefund(tx, refund.id(), "FAILED", f.failureMessage())
                            .replaceWith(new Outcome("refund-failed", null, 0));
                }
                default -> unchanged();
            };
        });
    }

    private static Uni<Outcome> unchanged() {
        return Uni.createFrom().item(new Outcome("unchanged", null, 0));
    }

    private void announce(Facts f, Outcome o) {
        LOG.infof("stripe.webhook eventId=%s type=%s outcome=%s paymentId=%s", f.eventId(), f.type(), o.what(),
                o.payment() == null ? null : o.payment().id());
        switch (o.what()) {
            case "completed" -> events.completed(o.payment());
            case "failed", "cancelled" -> events.failed(o.payment());
            case "refunded" -> events.refunded(o.payment(), o.refundedCents());
            default -> {
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /** An id field that may be a bare id or an expanded object. */
    private static String idOf(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        return node.isObject() ? text(node, "id") : null;
    }

    private static UUID uuid(String s) {
        if (s == null) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
