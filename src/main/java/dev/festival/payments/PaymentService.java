package dev.festival.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.money.Money;
import dev.festival.common.security.FestivalAccess;
import dev.festival.payments.PaymentStore.NewPayment;
import dev.festival.payments.dto.CheckoutResponse;
import dev.festival.payments.dto.CheckoutStatusResponse;
import dev.festival.payments.dto.IntentResult;
import dev.festival.payments.dto.PaymentView;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Creating payments at Stripe (PaymentIntents and Checkout Sessions), reading and cancelling them.
 * A payment row is written first, then Stripe is called with an idempotency key derived from the
 * payment id, so a retry (ours, or the client's with the same Idempotency-Key) reaches the same
 * PaymentIntent or Session instead of creating a second one.
 */
@ApplicationScoped
public class PaymentService {
    private static final Logger LOG = Logger.getLogger(PaymentService.class);
    static final int MAX_METADATA_KEYS = 40;

    /** A checkout line: unit amount in cents. */
    public record CheckoutLine(String name, String description, long unitAmountCents, long quantity,
                               List<String> images, Map<String, String> metadata) {
    }

    /** Everything a Checkout Session needs besides the payer. */
    public record CheckoutSpec(UUID festivalId, PaymentPurpose purpose, String currency, List<CheckoutLine> lines,
                               String successUrl, String cancelUrl, String customerEmail, boolean allowPromotionCodes,
                               Integer expiresAfterMinutes, Map<String, String> metadata, String description) {
    }

    @Inject
    PaymentStore store;

    @Inject
    StripeGateway stripe;

    @Inject
    FestivalFacts festivals;

    @Inject
    FestivalAccess festivalAccess;

    @Inject
    PaymentEffects effects;

    @Inject
    PaymentEvents events;

    @Inject
    PaymentsConfig config;

    @Inject
    ObjectMapper mapper;

    // ------------------------------------------------------------------ PaymentIntents

    /**
     * Creates a Stripe PaymentIntent for {@code userId} (Java API for other features: cashless
     * online top-up, ticketing). The money arrives later: the webhook completes the payment and runs
     * the {@link PaymentEffect}s of its purpose. With an idempotency key, a repeat with the same
     * request answers the first result; another request with that key → 409 ERR_5007.
     */
    public Uni<IntentResult> createIntent(UUID userId, UUID festivalId, String purpose, long amountCents,
                                          String currency, String description, Map<String, String> metadata,
                                          String idempotencyKey) {
        // Deferred: invalid arguments fail the Uni instead of throwing at the caller's call site.
        return Uni.createFrom().deferred(() -> intent(userId, festivalId, purpose, amountCents, currency, description,
                metadata, idempotencyKey));
    }

    private Uni<IntentResult> intent(UUID userId, UUID festivalId, String purpose, long amountCents, String currency,
                                     String description, Map<String, String> metadata, String idempotencyKey) {
        if (amountCents <= 0) {
            throw ApiException.invalidField("amount", "must be greater than 0");
        }
        PaymentPurpose p = PaymentPurpose.parse(purpose, PaymentPurpose.OTHER);
        Map<String, String> meta = metadata == null ? Map.of() : metadata;
        return currencyFor(festivalId, currency).flatMap(cur -> {
            String hash = requestHash("intent", userId, festivalId, p, amountCents, cur, description, meta);
            NewPayment np = new NewPayment(UUID.randomUUID(), userId, festivalId, p, amountCents, cur, "STRIPE",
                    description, meta, blankToNull(idempotencyKey), hash);
            return insertOrReplay(np).flatMap(rec -> {
                if (rec.checkoutSessionId() != null) {
                    throw reusedKey();
                }
                if (rec.providerPaymentId() != null && rec.clientSecret() != null) {
                    return Uni.createFrom().item(intentResult(rec));
                }
                return stripe.createPaymentIntent(rec.amountCents(), rec.currency(), rec.description(),
                                stripeMetadata(rec), stripeKey("pi-create-", rec))
                        .onFailure().call(e -> store.markCreationFailed(rec.id(), failureText(e)))
                        .flatMap(pi -> store.attachIntent(rec.id(), pi.getId(), pi.getClientSecret()))
                        .invoke(r -> LOG.infof("payment.intent_created paymentId=%s userId=%s purpose=%s"
                                + " amountCents=%d currency=%s", r.id(), r.userId(), r.purpose(), r.amountCents(),
                                r.currency()))
                        .map(PaymentService::intentResult);
            });
        });
    }

    /**
     * The Stripe idempotency key of a creation: the payment id, so our own retries reach the same
     * object. After a failed attempt (the client retries later with its Idempotency-Key) the key
     * changes, because Stripe replays a stored error for a reused key; an object the failed attempt
     * may still have created was never handed to the client and so can never be paid.
     */
    static String stripeKey(String prefix, PaymentRecord rec) {
        return rec.status() == PaymentStatus.FAILED
                ? prefix + rec.id() + "-" + rec.updatedAt().toInstant().toEpochMilli()
                : prefix + rec.id();
    }

    static IntentResult intentResult(PaymentRecord r) {
        return new IntentResult(r.id(), r.providerPaymentId(), r.clientSecret(), r.amountCents(), r.currency(),
                r.status().name());
    }

    // ------------------------------------------------------------------ Checkout Sessions

    public Uni<CheckoutResponse> createCheckout(UUID userId, CheckoutSpec spec, String idempotencyKey) {
        long total = 0;
        for (CheckoutLine l : spec.lines()) {
            total = Math.addExact(total, Math.multiplyExact(l.unitAmountCents(), l.quantity()));
        }
        long amountCents = total;
        return currencyFor(spec.festivalId(), spec.currency()).flatMap(cur -> {
            String hash = requestHash("checkout", userId, spec.festivalId(), spec.purpose(), amountCents, cur,
                    spec.successUrl() + "|" + spec.cancelUrl() + "|" + spec.lines(), spec.metadata());
            NewPayment np = new NewPayment(UUID.randomUUID(), userId, spec.festivalId(), spec.purpose(), amountCents,
                    cur, "STRIPE", spec.description(), spec.metadata(), blankToNull(idempotencyKey), hash);
            return insertOrReplay(np).flatMap(rec -> {
                if (rec.checkoutSessionId() != null) {
                    return stripe.retrieveCheckoutSession(rec.checkoutSessionId())
                            .map(s -> checkoutResponse(rec.id(), s));
                }
                if (rec.providerPaymentId() != null) {
                    throw reusedKey();
                }
                SessionCreateParams params = sessionParams(rec, spec, cur, userId);
                return stripe.createCheckoutSession(params, stripeKey("cs-create-", rec))
                        .onFailure().call(e -> store.markCreationFailed(rec.id(), failureText(e)))
                        .call(s -> store.attachCheckout(rec.id(), s.getId(), s.getPaymentIntent()))
                        .invoke(s -> LOG.infof("payment.checkout_created paymentId=%s userId=%s sessionId=%s"
                                + " amountCents=%d currency=%s", rec.id(), userId, s.getId(), amountCents, cur))
                        .map(s -> checkoutResponse(rec.id(), s));
            });
        });
    }

    private SessionCreateParams sessionParams(PaymentRecord rec, CheckoutSpec spec, String currency, UUID userId) {
        Map<String, String> meta = stripeMetadata(rec);
        SessionCreateParams.Builder b = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl(spec.successUrl())
                .setCancelUrl(spec.cancelUrl())
                .setClientReferenceId(rec.id().toString())
                .putAllMetadata(meta)
                // The PaymentIntent carries our id too, so its own events find the payment.
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().putAllMetadata(meta).build());
        if (spec.customerEmail() != null && !spec.customerEmail().isBlank()) {
            b.setCustomerEmail(spec.customerEmail().trim());
        }
        if (spec.allowPromotionCodes()) {
            b.setAllowPromotionCodes(true);
        }
        if (spec.expiresAfterMinutes() != null) {
            b.setExpiresAt(Instant.now().plusSeconds(spec.expiresAfterMinutes() * 60L).getEpochSecond());
        }
        for (CheckoutLine l : spec.lines()) {
            SessionCreateParams.LineItem.PriceData.ProductData.Builder product =
                    SessionCreateParams.LineItem.PriceData.ProductData.builder().setName(l.name());
            if (l.description() != null && !l.description().isBlank()) {
                product.setDescription(l.description());
            }
            if (l.images() != null && !l.images().isEmpty()) {
                product.addAllImage(l.images());
            }
            if (l.metadata() != null && !l.metadata().isEmpty()) {
                product.putAllMetadata(l.metadata());
            }
            b.addLineItem(SessionCreateParams.LineItem.builder()
                    .setQuantity(l.quantity())
                    .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                            .setCurrency(currency.toLowerCase(Locale.ROOT))
                            .setUnitAmount(l.unitAmountCents())
                            .setProductData(product.build())
                            .build())
                    .build());
        }
        return b.build();
    }

    static CheckoutResponse checkoutResponse(UUID paymentId, Session s) {
        OffsetDateTime expires = s.getExpiresAt() == null ? null
                : OffsetDateTime.ofInstant(Instant.ofEpochSecond(s.getExpiresAt()), ZoneOffset.UTC);
        return new CheckoutResponse(paymentId, s.getId(), s.getUrl(), expires);
    }

    /** Stripe's view of a session of the caller's (or, for ADMIN and org, of anyone's). */
    public Uni<CheckoutStatusResponse> checkoutStatus(Caller caller, String sessionId) {
        return sessionPayment(caller, sessionId)
                .flatMap(rec -> stripe.retrieveCheckoutSession(sessionId)
                        .map(s -> new CheckoutStatusResponse(s.getStatus(), s.getPaymentStatus(), rec.id())));
    }

    /** Expires an open session at Stripe; the payment becomes CANCELLED. Completed → 409 ERR_5009. */
    public Uni<Void> expireCheckout(Caller caller, String sessionId) {
        return sessionPayment(caller, sessionId).flatMap(rec -> {
            if (rec.status() != PaymentStatus.PENDING && rec.status() != PaymentStatus.CANCELLED) {
                throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                        "Only an open checkout can be expired (payment is " + rec.status() + ")");
            }
            return stripe.expireCheckoutSession(sessionId, "cs-expire-" + rec.id())
                    .flatMap(s -> closeOpen(rec.id(), "Checkout session expired"))
                    .replaceWithVoid();
        });
    }

    private Uni<PaymentRecord> sessionPayment(Caller caller, String sessionId) {
        return store.findByCheckoutSession(sessionId).flatMap(rec -> {
            if (rec == null) {
                throw ApiException.notFound("Checkout session");
            }
            return requireView(caller, rec);
        });
    }

    // ------------------------------------------------------------------ reads and cancel

    public Uni<PaymentRecord> get(Caller caller, UUID paymentId) {
        return store.findById(paymentId).flatMap(rec -> {
            if (rec == null) {
                throw ApiException.notFound("Payment");
            }
            return requireView(caller, rec);
        });
    }

    /** The payer, ADMIN, or org of the payment's festival may see it; others → 403. */
    public Uni<PaymentRecord> requireView(Caller caller, PaymentRecord rec) {
        if (caller.admin() || rec.userId().equals(caller.id())) {
            return Uni.createFrom().item(rec);
        }
        if (rec.festivalId() == null) {
            throw new ApiException(ErrorCode.NOT_OWNER, "This payment is not yours");
        }
        return festivalAccess.require(rec.festivalId(), FestivalAccess.Level.ORG).replaceWith(rec);
    }

    public Uni<List<PaymentRecord>> listByUser(Caller caller, UUID userId, int limit, long offset) {
        if (!caller.admin() && !caller.id().equals(userId)) {
            throw new ApiException(ErrorCode.NOT_OWNER, "Only ADMIN may list another user's payments");
        }
        return store.listByUser(userId, limit, offset);
    }

    public Uni<PaymentStore.Slice> listByFestival(UUID festivalId, String status, int limit, long offset,
                                                  boolean ascending) {
        return festivalAccess.require(festivalId, FestivalAccess.Level.ORG)
                .flatMap(g -> store.listByFestival(festivalId, status, limit, offset, ascending));
    }

    /**
     * Cancels a PENDING payment: its PaymentIntent is cancelled (or its Checkout Session expired) at
     * Stripe first, then the payment becomes CANCELLED; anything else → 409 ERR_5009.
     */
    public Uni<PaymentRecord> cancel(Caller caller, UUID paymentId) {
        return get(caller, paymentId).flatMap(rec -> {
            if (rec.status() != PaymentStatus.PENDING) {
                throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                        "Only a PENDING payment can be cancelled (payment is " + rec.status() + ")");
            }
            Uni<?> atStripe;
            if (rec.checkoutSessionId() != null) {
                atStripe = stripe.expireCheckoutSession(rec.checkoutSessionId(), "cs-expire-" + rec.id());
            } else if (rec.providerPaymentId() != null) {
                atStripe = stripe.cancelPaymentIntent(rec.providerPaymentId(), "pi-cancel-" + rec.id());
            } else {
                atStripe = Uni.createFrom().voidItem();
            }
            return atStripe.flatMap(x -> closeOpen(rec.id(), "Cancelled by request")).map(closed -> {
                if (closed == null) {
                    throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                            "The payment changed state meanwhile and can no longer be cancelled");
                }
                return closed;
            });
        });
    }

    /** PENDING → CANCELLED with the purpose's onFailed effects, in one transaction; null if it moved on. */
    private Uni<PaymentRecord> closeOpen(UUID paymentId, String reason) {
        return store.pool().withTransaction(tx -> store.transition(tx, paymentId, PaymentStatus.CANCELLED,
                        List.of(PaymentStatus.PENDING), false, OffsetDateTime.now(ZoneOffset.UTC), null, reason)
                        .call(rec -> rec == null ? Uni.createFrom().voidItem() : effects.failed(tx, rec)))
                .invoke(rec -> {
                    if (rec != null) {
                        events.failed(rec);
                    }
                });
    }

    // ------------------------------------------------------------------ helpers

    public static PaymentView view(PaymentRecord r) {
        return new PaymentView(r.id(), r.userId(), r.festivalId(), r.purpose().name(), Money.fromCents(r.amountCents()),
                r.currency(), r.status().name(), r.provider(), r.providerPaymentId(), r.paidAt(), r.refundedAt(),
                r.createdAt(), Money.fromCents(r.refundedCents()), r.description(), r.checkoutSessionId(),
                r.failureReason(), r.updatedAt());
    }

    private Uni<String> currencyFor(UUID festivalId, String requested) {
        String explicit = requested == null || requested.isBlank() ? null : Money.currency(requested, "currency");
        if (festivalId == null) {
            return Uni.createFrom().item(explicit != null ? explicit : config.defaultCurrency());
        }
        return festivals.require(festivalId).map(f -> explicit != null ? explicit : f.currency());
    }

    /** Inserts the payment, or answers the earlier one with the same idempotency key and request. */
    private Uni<PaymentRecord> insertOrReplay(NewPayment np) {
        return store.insert(np)
                .onFailure(PgException.class).transform(PaymentService::foreignKey)
                .flatMap(rec -> {
                    if (rec != null) {
                        return Uni.createFrom().item(rec);
                    }
                    return store.findByIdempotencyKey(np.userId(), np.idempotencyKey()).map(existing -> {
                        if (existing == null || !np.requestHash().equals(existing.requestHash())) {
                            throw reusedKey();
                        }
                        return existing;
                    });
                });
    }

    private static Throwable foreignKey(Throwable e) {
        if (e instanceof PgException pg && "23503".equals(pg.getSqlState())) {
            String c = pg.getConstraint() == null ? "" : pg.getConstraint();
            return c.contains("festival") ? ApiException.notFound("Festival")
                    : ApiException.invalidField("userId", "no such user");
        }
        return e;
    }

    static ApiException reusedKey() {
        return new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "This idempotency key was used for another request");
    }

    private static String failureText(Throwable e) {
        return e instanceof ApiException api ? api.code().code() + " " + api.getMessage() : "provider call failed";
    }

    Map<String, String> stripeMetadata(PaymentRecord rec) {
        Map<String, String> m = new LinkedHashMap<>();
        rec.metadata().forEach((k, v) -> {
            if (k != null && v != null && m.size() < MAX_METADATA_KEYS) {
                // Stripe caps values at 500 characters; longer ones stay in our own record only.
                if (v.length() <= 500) {
                    m.put(k, v);
                }
            }
        });
        m.put("paymentId", rec.id().toString());
        m.put("userId", rec.userId().toString());
        m.put("purpose", rec.purpose().name());
        if (rec.festivalId() != null) {
            m.put("festivalId", rec.festivalId().toString());
        }
        return m;
    }

    /** Client metadata → Stripe's string map: ≤ 40 keys of ≤ 40 chars, values ≤ 500 chars. */
    public Map<String, String> metadata(Map<String, Object> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        if (raw.size() > MAX_METADATA_KEYS) {
            throw ApiException.invalidField("metadata", "at most " + MAX_METADATA_KEYS + " keys");
        }
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            String key = e.getKey();
            if (key.length() > 40 || key.isBlank()) {
                throw ApiException.invalidField("metadata", "keys must be 1-40 characters");
            }
            String value;
            if (e.getValue() instanceof String s) {
                value = s;
            } else {
                try {
                    value = e.getValue() instanceof Number || e.getValue() instanceof Boolean
                            ? String.valueOf(e.getValue()) : mapper.writeValueAsString(e.getValue());
                } catch (JsonProcessingException ex) {
                    throw ApiException.invalidField("metadata", "values must be strings");
                }
            }
            if (value.length() > 500) {
                throw ApiException.invalidField("metadata", "values must be at most 500 characters");
            }
            out.put(key, value);
        }
        return out;
    }

    static String requestHash(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            Object v = p instanceof Map<?, ?> m ? new TreeMap<>(m) : p;
            sb.append(v).append('\u001f');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
