package dev.festival.payments;

import com.stripe.model.Refund;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.security.FestivalAccess;
import dev.festival.payments.dto.RefundEligibility;
import dev.festival.payments.dto.RefundView;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Refunds through Stripe. Who may refund: ADMIN, org of the payment's festival (owner or ORGANIZER
 * member), or the payer under the self-refund policy: within {@code festival.payments.self-refund-window}
 * (14 days) of paying and before the festival starts. The amount is reserved on the payment with a
 * conditional UPDATE ({@code refunded_cents + amount <= amount_cents}) before Stripe is called, so
 * concurrent refunds can never return more than was paid; a refusal by Stripe releases it.
 */
@ApplicationScoped
public class RefundService {
    private static final Logger LOG = Logger.getLogger(RefundService.class);
    static final long MIN_REFUND_CENTS = 50;

    @Inject
    PaymentStore store;

    @Inject
    PaymentService payments;

    @Inject
    StripeGateway stripe;

    @Inject
    FestivalAccess festivalAccess;

    @Inject
    FestivalFacts festivals;

    @Inject
    PaymentsConfig config;

    @Inject
    PaymentEffects effects;

    @Inject
    PaymentEvents events;

    private record Loaded(PaymentRecord payment, RefundRecord earlier) {
    }

    private record Applied(PaymentRecord payment, long amountCents) {
    }

    /** How the caller relates to a payment for refunds. */
    enum Standing { STAFF, PAYER }

    /**
     * @param amountCents null = the whole remaining amount
     * @param minimumApplies whether the 50-cent floor of the refunds API applies to an explicit amount
     */
    public Uni<RefundView> refund(Caller caller, UUID paymentId, Long amountCents, String reasonText,
                                  String explanation, String idempotencyKey, boolean minimumApplies) {
        if (amountCents != null && amountCents <= 0) {
            throw ApiException.invalidField("amount", "must be greater than 0");
        }
        if (minimumApplies && amountCents != null && amountCents < MIN_REFUND_CENTS) {
            throw ApiException.invalidField("amount", "must be at least " + MIN_REFUND_CENTS + " (cents)");
        }
        RefundReason reason = RefundReason.map(reasonText);
        String note = explanation != null && !explanation.isBlank() ? explanation.trim()
                : reason == RefundReason.OTHER ? reasonText : null;
        String key = PaymentService.blankToNull(idempotencyKey);
        return loadPayment(paymentId)
                .flatMap(p -> standing(caller, p).flatMap(st -> st == Standing.PAYER
                        ? policyFailure(p).map(why -> {
                            if (why != null) {
                                throw new ApiException(ErrorCode.ROLE_FORBIDDEN, "Refund policy: " + why);
                            }
                            return p;
                        })
                        : Uni.createFrom().item(p)))
                .flatMap(p -> key == null ? Uni.createFrom().item(new Loaded(p, null))
                        : store.findRefundByKey(p.id(), key).map(r -> new Loaded(p, r)))
                .flatMap(loaded -> {
                    PaymentRecord p = loaded.payment();
                    if (loaded.earlier() != null) {
                        return replay(p, loaded.earlier(), amountCents);
                    }
                    long amount = checkRefundable(p, amountCents);
                    UUID refundId = UUID.randomUUID();
                    return store.reserveRefund(refundId, p.id(), amount, reason.wire(), note, key, caller.id())
                            .onFailure(PgException.class).recoverWithUni(e -> isUnique(e) && key != null
                                    ? store.findRefundByKey(p.id(), key) : Uni.createFrom().failure(e))
                            .flatMap(r -> {
                                if (r == null) {
                                    // Lost a race with another refund: explain with fresh numbers.
                                    return loadPayment(p.id()).map(fresh -> {
                                        checkRefundable(fresh, amountCents);
                                        throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                                                "The payment changed meanwhile, please retry");
                                    });
                                }
                                if (!r.id().equals(refundId)) {
                                    return replay(p, r, amountCents);
                                }
                                return sendToStripe(p, r, reason);
                            });
                });
    }

    private Uni<RefundView> replay(PaymentRecord p, RefundRecord earlier, Long amountCents) {
        if (amountCents != null && amountCents != earlier.amountCents()) {
            throw PaymentService.reusedKey();
        }
        return Uni.createFrom().item(view(earlier, p.currency()));
    }

    private static boolean isUnique(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    /** The amount to refund, or the API.md error: not refundable → 409 ERR_5009, too much → 400 ERR_5011. */
    static long checkRefundable(PaymentRecord p, Long requested) {
        if (p.status() != PaymentStatus.COMPLETED && p.status() != PaymentStatus.PARTIALLY_REFUNDED) {
            throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                    p.status() == PaymentStatus.REFUNDED ? "The payment is already fully refunded"
                            : "Only a completed payment can be refunded (payment is " + p.status() + ")");
        }
        long refundable = p.refundableCents();
        if (refundable <= 0) {
            throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, "The payment is already fully refunded");
        }
        if (p.providerPaymentId() == null) {
            throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, "This payment has no provider payment to refund");
        }
        if (requested != null && requested > refundable) {
            throw new ApiException(ErrorCode.AMOUNT_OUT_OF_LIMITS,
                    "The refund exceeds the refundable amount", Map.of("refundableAmount", refundable,
                    "amount", requested));
        }
        return requested == null ? refundable : requested;
    }

    private Uni<RefundView> sendToStripe(PaymentRecord p, RefundRecord r, RefundReason reason) {
        Map<String, String> meta = Map.of("refundId", r.id().toString(), "paymentId", p.id().toString(),
                "reason", reason.wire());
        return stripe.createRefund(p.providerPaymentId(), r.amountCents(), reason.stripeReason(), meta,
                        "re-create-" + r.id())
                .onFailure().call(e -> store.releaseRefund(r.id(), "FAILED",
                        e instanceof ApiException api ? api.code().code() + " " + api.getMessage() : "provider error"))
                .flatMap(refund -> applyStripeAnswer(p, r, refund))
                .flatMap(x -> store.findRefund(r.id()))
                .map(fresh -> view(fresh, p.currency()));
    }

    private Uni<Void> applyStripeAnswer(PaymentRecord p, RefundRecord r, Refund refund) {
        String status = refund.getStatus() == null ? "succeeded" : refund.getStatus();
        Uni<Void> stored = store.setProviderRefundId(r.id(), refund.getId());
        return switch (status) {
            case "succeeded" -> stored.flatMap(x -> succeed(r.id(), refund.getId()));
            case "failed", "canceled" -> stored.flatMap(x -> store.releaseRefund(r.id(), "FAILED",
                    refund.getFailureReason())).map(x -> {
                        throw new ApiException(ErrorCode.PAYMENT_PROVIDER_ERROR, "The refund was declined by the"
                                + " payment provider", Map.of("provider", "STRIPE", "status", status));
                    });
            // pending / requires_action: the amount stays reserved; refund.updated completes it.
            default -> stored;
        };
    }

    /** PENDING → SUCCEEDED, payment (PARTIALLY_)REFUNDED, onRefunded effects: one transaction, once. */
    public Uni<Void> succeed(UUID refundId, String providerRefundId) {
        return store.pool().withTransaction(tx -> store.succeedRefund(tx, refundId, providerRefundId)
                        .flatMap(payment -> payment == null ? Uni.createFrom().<Applied>nullItem()
                                : store.findRefund(refundId).flatMap(r -> effects.refunded(tx, payment,
                                        r.amountCents()).replaceWith(new Applied(payment, r.amountCents())))))
                .invoke(done -> {
                    if (done != null) {
                        events.refunded(done.payment(), done.amountCents());
                    }
                })
                .replaceWithVoid();
    }

    public Uni<RefundEligibility> eligibility(Caller caller, UUID paymentId) {
        return loadPayment(paymentId).flatMap(p -> standing(caller, p).flatMap(st -> {
            String why = refundableFailure(p);
            if (why != null || st == Standing.STAFF) {
                return Uni.createFrom().item(eligibility(p, why));
            }
            return policyFailure(p).map(policy -> eligibility(p, policy));
        }));
    }

    private static RefundEligibility eligibility(PaymentRecord p, String why) {
        return new RefundEligibility(why == null, why == null ? p.refundableCents() : 0, p.currency(), why);
    }

    private static String refundableFailure(PaymentRecord p) {
        if (p.status() == PaymentStatus.REFUNDED
                || (p.status() == PaymentStatus.PARTIALLY_REFUNDED && p.refundableCents() <= 0)) {
            return "The payment is already fully refunded";
        }
        if (p.status() != PaymentStatus.COMPLETED && p.status() != PaymentStatus.PARTIALLY_REFUNDED) {
            return "Only a completed payment can be refunded (payment is " + p.status() + ")";
        }
        if (p.refundableCents() <= 0) {
            return "Nothing left to refund";
        }
        if (p.providerPaymentId() == null) {
            return "This payment has no provider payment to refund";
        }
        return null;
    }

    /** Null when the self-refund policy (time window, festival not started) allows the payer; else why not. */
    private Uni<String> policyFailure(PaymentRecord p) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (p.paidAt() != null && p.paidAt().plus(config.selfRefundWindow()).isBefore(now)) {
            return Uni.createFrom().item("The self-refund window of " + config.selfRefundWindow().toDays()
                    + " days has passed");
        }
        if (p.festivalId() == null) {
            return Uni.createFrom().nullItem();
        }
        return festivals.require(p.festivalId())
                .map(f -> f.startDate() != null && !f.startDate().isAfter(now) ? "The festival has already started"
                        : null)
                .onFailure(ApiException.class).recoverWithItem((String) null);
    }

    private Uni<Standing> standing(Caller caller, PaymentRecord p) {
        if (caller.admin()) {
            return Uni.createFrom().item(Standing.STAFF);
        }
        if (p.festivalId() != null) {
            return festivalAccess.grant(p.festivalId())
                    .onFailure(ApiException.class).recoverWithNull()
                    .map(g -> {
                        if (g != null && g.isOrg()) {
                            return Standing.STAFF;
                        }
                        if (p.userId().equals(caller.id())) {
                            return Standing.PAYER;
                        }
                        throw new ApiException(ErrorCode.NOT_OWNER, "Only the payer, ADMIN or the festival's"
                                + " organisers may refund this payment");
                    });
        }
        if (p.userId().equals(caller.id())) {
            return Uni.createFrom().item(Standing.PAYER);
        }
        throw new ApiException(ErrorCode.NOT_OWNER, "Only the payer or ADMIN may refund this payment");
    }

    public Uni<List<RefundView>> history(Caller caller, UUID paymentId) {
        return payments.get(caller, paymentId)
                .flatMap(p -> store.refundsOf(p.id()).map(rs -> rs.stream().map(r -> view(r, p.currency())).toList()));
    }

    public Uni<RefundView> get(Caller caller, UUID refundId) {
        return store.findRefund(refundId).flatMap(r -> {
            if (r == null) {
                throw ApiException.notFound("Refund");
            }
            return payments.get(caller, r.paymentId()).map(p -> view(r, p.currency()));
        });
    }

    private Uni<PaymentRecord> loadPayment(UUID paymentId) {
        return store.findById(paymentId).map(p -> {
            if (p == null) {
                throw ApiException.notFound("Payment");
            }
            return p;
        });
    }

    static RefundView view(RefundRecord r, String currency) {
        return new RefundView(r.id(), r.paymentId(), r.amountCents(), currency, r.reason(), r.explanation(), r.status(),
                r.providerRefundId(), r.failureReason(), r.requestedBy(), r.createdAt(), r.updatedAt());
    }

}
