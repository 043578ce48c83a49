package dev.festival.tickets;

import dev.festival.common.events.BusinessEvents;
import dev.festival.payments.Caller;
import dev.festival.payments.PaymentService;
import dev.festival.promocodes.PromoCodeService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Unpaid reservations return their quota after {@code festival.tickets.reservation-ttl}. Every pod
 * runs this on a Vert.x timer; the statement locks due orders with SKIP LOCKED, so pods share the
 * work and never wait on each other. Each expired order's PaymentIntent is then cancelled, best
 * effort (a payment arriving anyway re-takes quota if there is still some: TicketPaymentEffect).
 */
@ApplicationScoped
public class ReservationExpiry {
    private static final Logger LOG = Logger.getLogger(ReservationExpiry.class);
    static final int BATCH = 500;

    @Inject
    TicketStore store;

    @Inject
    TicketsConfig config;

    @Inject
    PaymentService payments;

    @Inject
    BusinessEvents events;

    @Inject
    PromoCodeService promoCodes;

    @Inject
    Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timerId = -1;

    void start(@Observes StartupEvent e) {
        Duration every = config.expiryInterval();
        if (every.isZero() || every.isNegative()) {
            return;
        }
        timerId = vertx.setPeriodic(every.toMillis(), id -> {
            // One run at a time per pod; a slow run makes the next tick skip.
            if (!running.compareAndSet(false, true)) {
                return;
            }
            expire(config.reservationTtl())
                    .onTermination().invoke(() -> running.set(false))
                    .subscribe().with(n -> { }, err -> LOG.warnf("ticket reservation expiry failed: %s",
                            err.getMessage()));
        });
    }

    void stop(@Observes ShutdownEvent e) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Expires open orders older than {@code ttl}; answers how many orders expired. */
    public Uni<Integer> expire(Duration ttl) {
        return store.expire(ttl.toMillis() / 1000.0, BATCH).flatMap(released -> {
            if (released.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            released.forEach(r -> events.record("ticket.reservation_expired", "orderId", r.orderId(), "tickets",
                    r.tickets()));
            return Multi.createFrom().iterable(released)
                    .onItem().transformToUniAndConcatenate(r -> promoCodes.release(null, r.orderId())
                            .onFailure().recoverWithItem(0))
                    .collect().last()
                    .flatMap(x -> cancelIntents(released)).replaceWith(released.size());
        });
    }

    private Uni<Void> cancelIntents(List<TicketStore.Released> released) {
        Caller system = new Caller(null, true);
        return Multi.createFrom().iterable(released)
                .filter(r -> r.paymentId() != null)
                .onItem().transformToUniAndConcatenate(r -> payments.cancel(system, r.paymentId())
                        .onFailure().invoke(err -> LOG.debugf("payment %s not cancelled: %s", r.paymentId(),
                                err.getMessage()))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }
}
