package dev.festival.tickets;

import dev.festival.common.events.BusinessEvents;
import dev.festival.payments.PaymentEffect;
import dev.festival.promocodes.PromoCodeService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a TICKET payment does to its order, on the webhook's own transaction: success issues the
 * reserved tickets (once: the order must still be PENDING), failure releases the reservation,
 * a refund marks tickets REFUNDED and returns their quota.
 */
@ApplicationScoped
public class TicketPaymentEffect implements PaymentEffect {
    private static final Logger LOG = Logger.getLogger(TicketPaymentEffect.class);

    @Inject
    TicketStore store;

    @Inject
    BusinessEvents events;

    @Inject
    PromoCodeService promoCodes;

    @Override
    public String purpose() {
        return TicketService.PURPOSE;
    }

    @Override
    public Uni<Void> onSucceeded(SqlConnection tx, ConfirmedPayment payment) {
        UUID orderId = orderId(payment);
        if (orderId == null) {
            return Uni.createFrom().voidItem();
        }
        return store.confirm(tx, orderId, payment.paymentId()).flatMap(sold -> {
            if (sold != null) {
                events.record("ticket.purchased", "orderId", orderId, "userId", payment.userId(), "festivalId",
                        payment.festivalId(), "quantity", sold, "paymentId", payment.paymentId());
                return Uni.createFrom().voidItem();
            }
            // Paid after the reservation lapsed: issue the tickets if quota is still there.
            return store.confirmLate(tx, orderId, payment.paymentId()).invoke(late -> {
                if (late != null) {
                    events.record("ticket.purchased", "orderId", orderId, "userId", payment.userId(), "festivalId",
                            payment.festivalId(), "quantity", late, "paymentId", payment.paymentId(), "late", true);
                } else {
                    // Already PAID (nothing to do) or sold out meanwhile: the latter needs a refund by staff.
                    LOG.warnf("ticket.payment_without_tickets orderId=%s paymentId=%s: the order is no longer open"
                            + " and has no quota left (or was already paid)", orderId, payment.paymentId());
                    events.record("ticket.payment_unmatched", "orderId", orderId, "paymentId", payment.paymentId());
                }
            }).replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> onFailed(SqlConnection tx, ConfirmedPayment payment) {
        UUID orderId = orderId(payment);
        if (orderId == null) {
            return Uni.createFrom().voidItem();
        }
        return store.release(tx, orderId, "CANCELLED")
                .call(released -> released == null ? Uni.createFrom().voidItem() : promoCodes.release(tx, orderId))
                .invoke(released -> {
            if (released != null) {
                events.record("ticket.reservation_released", "orderId", orderId, "tickets", released, "why",
                        "payment_failed");
            }
        }).replaceWithVoid();
    }

    @Override
    public Uni<Void> onRefunded(SqlConnection tx, ConfirmedPayment payment, long amountCents) {
        UUID orderId = orderId(payment);
        if (orderId == null) {
            return Uni.createFrom().voidItem();
        }
        return store.refunded(tx, orderId, amountCents).invoke(n -> events.record("ticket.refunded", "orderId",
                orderId, "tickets", n, "amountCents", amountCents)).replaceWithVoid();
    }

    private static UUID orderId(ConfirmedPayment payment) {
        String raw = payment.metadata() == null ? null : payment.metadata().get("orderId");
        try {
            return raw == null ? null : UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            LOG.warnf("ticket payment %s carries an unreadable orderId", payment.paymentId());
            return null;
        }
    }
}
