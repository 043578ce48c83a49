package dev.festival.payments;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.eventbus.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Announces payment changes after they are committed: one business log line each, and a Vert.x
 * event-bus message ({@code payment.completed}, {@code payment.failed}, {@code payment.refunded})
 * with ids only, for the real-time layer to fan out.
 */
@ApplicationScoped
public class PaymentEvents {
    public static final String COMPLETED = "payment.completed";
    public static final String FAILED = "payment.failed";
    public static final String REFUNDED = "payment.refunded";

    private static final Logger LOG = Logger.getLogger("dev.festival.payments.events");

    @Inject
    EventBus bus;

    public void completed(PaymentRecord p) {
        LOG.infof("payment.completed paymentId=%s userId=%s festivalId=%s purpose=%s amountCents=%d currency=%s",
                p.id(), p.userId(), p.festivalId(), p.purpose(), p.amountCents(), p.currency());
        bus.publish(COMPLETED, body(p));
    }

    public void failed(PaymentRecord p) {
        LOG.infof("payment.failed paymentId=%s userId=%s status=%s reason=%s", p.id(), p.userId(), p.status(),
                p.failureReason());
        bus.publish(FAILED, body(p));
    }

    public void refunded(PaymentRecord p, long amountCents) {
        LOG.infof("payment.refunded paymentId=%s userId=%s amountCents=%d status=%s", p.id(), p.userId(),
                amountCents, p.status());
        bus.publish(REFUNDED, body(p).put("refundedCents", amountCents));
    }

    private static JsonObject body(PaymentRecord p) {
        return new JsonObject()
                .put("paymentId", p.id().toString())
                .put("userId", p.userId().toString())
                .put("festivalId", p.festivalId() == null ? null : p.festivalId().toString())
                .put("purpose", p.purpose().name())
                .put("status", p.status().name())
                .put("amountCents", p.amountCents())
                .put("currency", p.currency());
    }
}
