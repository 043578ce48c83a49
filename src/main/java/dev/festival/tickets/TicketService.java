package dev.festival.tickets;

import dev.festival.auth.PasswordHasher;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.events.BusinessEvents;
import dev.festival.common.money.Money;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.Role;
import dev.festival.festivals.Festival;
import dev.festival.festivals.FestivalService;
import dev.festival.festivals.FestivalStatus;
import dev.festival.payments.Caller;
import dev.festival.payments.PaymentService;
import dev.festival.payments.RefundService;
import dev.festival.payments.dto.IntentResult;
import dev.festival.promocodes.PromoCodeService;
import dev.festival.promocodes.Redemption;
import dev.festival.tickets.dto.InvoiceView;
import dev.festival.tickets.dto.OrderView;
import dev.festival.tickets.dto.PurchaseResponse;
import dev.festival.tickets.dto.RevokedList;
import dev.festival.tickets.dto.TicketView;
import dev.festival.tickets.signing.TicketSigner;
import dev.festival.users.UserService;
import dev.festival.users.UserStatus;
import dev.festival.users.dto.UserView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Purchases, the caller's tickets, transfer, cancellation and refund, invoices. Quota moves only
 * through conditional statements in {@link TicketStore}; this class decides who may do what and
 * talks to the payments core.
 */
@ApplicationScoped
public class TicketService {
    private static final Logger LOG = Logger.getLogger(TicketService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String PURPOSE = "TICKET";

    /** A purchase as the resource has validated it. */
    public record Purchase(UUID festivalId, UUID categoryId, int quantity, String promoCode, String idempotencyKey) {
    }

    @Inject
    TicketStore store;

    @Inject
    TicketsConfig config;

    @Inject
    TicketSigner signer;

    @Inject
    FestivalService festivals;

    @Inject
    FestivalAccess access;

    @Inject
    PaymentService payments;

    @Inject
    RefundService refunds;

    @Inject
    UserService users;

    @Inject
    PasswordHasher passwords;

    @Inject
    BusinessEvents events;

    @Inject
    PromoCodeService promoCodes;

    @Inject
    TicketEvents ticketEvents;

    // ------------------------------------------------------------------ purchase

    public Uni<PurchaseResponse> purchase(UUID userId, Purchase p) {
        String hash = hash(p.festivalId(), p.categoryId(), p.quantity(), p.promoCode());
        Uni<OrderRow> earlier = p.idempotencyKey() == null ? Uni.createFrom().nullItem()
                : store.orderByKey(userId, p.idempotencyKey());
        return earlier.flatMap(existing -> {
            if (existing != null) {
                return replay(existing, hash);
            }
            return festivals.require(p.festivalId()).flatMap(f -> {
                if (f.status() != FestivalStatus.PUBLISHED && f.status() != FestivalStatus.ONGOING) {
                    throw new ApiException(ErrorCode.SALE_NOT_OPEN, "Ticket sales for this festival are not open");
                }
                return reserveAndOrder(userId, p, hash)
                        .flatMap(placed -> placed.order().totalCents() == 0 ? issuedFree(placed, f)
                                : requestPayment(placed.order(), f, true))
                        // Two requests with one key at once: the loser answers the winner's order.
                        .onFailure(TicketService::isIdempotencyClash).recoverWithUni(e ->
                                store.orderByKey(userId, p.idempotencyKey()).flatMap(o -> replay(o, hash)));
            });
        });
    }

    /** Guest checkout: the buyer's account is found or created (PENDING_VERIFICATION), then an ordinary purchase. */
    public Uni<PurchaseResponse> guestPurchase(String email, String firstName, String lastName, String phone,
                                               Purchase p) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return passwords.hash(Base64.getEncoder().encodeToString(secret))
                .flatMap(hash -> users.createIfAbsent(new UserService.NewUser(email, hash, firstName, lastName,
                        phone, Role.USER, UserStatus.PENDING_VERIFICATION, false)))
                .flatMap(u -> u != null ? Uni.createFrom().item(u)
                        : users.findByEmail(email).map(v -> new UserService.EnsuredUser(v.id(), v.role(), v.status(),
                                false)))
                .flatMap(u -> {
                    if (u.status() == UserStatus.BANNED || u.status() == UserStatus.INACTIVE) {
                        throw new ApiException(ErrorCode.ACCOUNT_DISABLED);
                    }
                    // A full account buys signed in: otherwise anyone could fill its per-user limits.
                    if (!u.created() && u.status() == UserStatus.ACTIVE) {
                        throw new ApiException(ErrorCode.CONFLICT, "An account exists for this email: sign in to"
                                + " buy tickets", Map.of("field", "email"));
                    }
                    return purchase(u.id(), p);
                });
    }

    /** A new order and, when known without another read, its tickets (null: read them back). */
    private record Placed(OrderRow order, List<TicketRow> tickets) {
    }

    private Uni<Placed> reserveAndOrder(UUID userId, Purchase p, String hash) {
        UUID orderId = UUID.randomUUID();
        if (p.promoCode() == null) {
            // One round trip (ticket_purchase, V77): the category row is never locked across client round trips.
            return store.purchase(orderId, userId, p.festivalId(), p.categoryId(), p.quantity(),
                            config.reservationTtl().toSeconds(), p.idempotencyKey(), hash)
                    .onFailure(TicketStore.OverUserLimit.class).transform(e -> overUserLimit(
                            ((TicketStore.OverUserLimit) e).maxPerUser))
                    .map(done -> {
                        if (done.refusal() != null) {
                            throw refusal(done.refusal(), p.quantity());
                        }
                        return new Placed(done.order(), done.tickets());
                    });
        }
        // With a promo code the redemption runs between the reservation (which prices the order) and the
        // order, in the same transaction: a refusal anywhere rolls all of it back.
        return store.pool().withTransaction(tx -> store.reserve(tx, p.festivalId(), p.categoryId(), p.quantity())
                .flatMap(reserved -> {
                    if (reserved == null) {
                        return store.categoryState(tx, p.festivalId(), p.categoryId())
                                .map(state -> {
                                    throw refusal(state, p.quantity());
                                });
                    }
                    long subtotal = Math.multiplyExact(reserved.priceCents(), (long) p.quantity());
                    // The promo use is counted on this transaction: a refusal below rolls it back too.
                    Uni<Redemption> promo = p.promoCode() == null || subtotal == 0 ? Uni.createFrom().nullItem()
                            : promoCodes.redeem(tx, p.festivalId(), p.promoCode(), userId, subtotal, p.categoryId(),
                                    orderId);
                    return promo.flatMap(red -> store.insertOrder(tx, orderId, userId, p.festivalId(),
                                    p.categoryId(), p.quantity(), reserved, config.reservationTtl().toSeconds(),
                                    p.idempotencyKey(), hash, red == null ? null : red.code(),
                                    red == null ? null : red.promoCodeId(),
                                    red == null ? 0 : Math.min(subtotal, red.discountCents())))
                            .map(order -> {
                                if (order == null) {
                                    // Throwing rolls the reservation back with the transaction.
                                    throw overUserLimit(reserved.maxPerUser());
                                }
                                return new Placed(order, null);
                            });
                }));
    }

    private static ApiException overUserLimit(int maxPerUser) {
        return new ApiException(ErrorCode.OVER_USER_LIMIT, "You would exceed the limit of " + maxPerUser
                + " tickets per person for this category", Map.of("maxPerUser", maxPerUser));
    }

    private static ApiException refusal(TicketStore.CategoryState s, int quantity) {
        if (!s.exists()) {
            return ApiException.notFound("Ticket category");
        }
        if (!s.active() || !s.saleOpen()) {
            return new ApiException(ErrorCode.SALE_NOT_OPEN, "This ticket category is not on sale");
        }
        if (quantity > s.maxPerOrder()) {
            return ApiException.invalidField("quantity", "must be at most " + s.maxPerOrder() + " per order");
        }
        if (quantity > s.maxPerUser()) {
            return new ApiException(ErrorCode.OVER_USER_LIMIT, "At most " + s.maxPerUser()
                    + " tickets per person for this category", Map.of("maxPerUser", s.maxPerUser()));
        }
        return new ApiException(ErrorCode.SOLD_OUT, "Sold out: " + Math.max(0, s.remaining()) + " tickets left",
                Map.of("available", Math.max(0, s.remaining()), "requested", quantity));
    }

    private Uni<PurchaseResponse> issuedFree(Placed placed, Festival f) {
        purchasedEvent(placed.order(), false);
        return placed.tickets() == null ? response(placed.order(), f, null)
                : response(placed.order(), placed.tickets(), f, null);
    }

    private Uni<PurchaseResponse> requestPayment(OrderRow order, Festival f, boolean fresh) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("orderId", order.id().toString());
        meta.put("categoryId", order.categoryId().toString());
        meta.put("quantity", String.valueOf(order.quantity()));
        String description = order.quantity() + " ticket(s) for " + f.name();
        return payments.createIntent(order.userId(), order.festivalId(), PURPOSE, order.totalCents(),
                        order.currency(), description, meta, "ticket-order-" + order.id())
                .onFailure().call(e -> {
                    LOG.warnf("ticket.payment_failed orderId=%s: %s; releasing the reservation", order.id(),
                            e.getMessage());
                    return store.release(store.pool(), order.id(), "CANCELLED")
                            .call(n -> promoCodes.release(null, order.id()));
                })
                .call(intent -> store.attachPayment(order.id(), intent.paymentId()))
                .invoke(intent -> {
                    if (fresh) {
                        purchasedEvent(order, true);
                    }
                })
                .flatMap(intent -> store.order(order.id()).flatMap(o -> response(o, f, intent)));
    }

    private void purchasedEvent(OrderRow order, boolean paid) {
        events.record(paid ? "ticket.reserved" : "ticket.purchased", "orderId", order.id(), "userId",
                order.userId(), "festivalId", order.festivalId(), "categoryId", order.categoryId(), "quantity",
                order.quantity(), "totalCents", order.totalCents());
        ticketEvents.fire(new TicketEvents.Purchased(order.id(), order.userId(), order.festivalId(),
                order.categoryId(), order.quantity(), paid));
    }

    /** The first answer again for a repeated idempotency key; another request under it → 409 ERR_5007. */
    private Uni<PurchaseResponse> replay(OrderRow existing, String hash) {
        if (existing == null || !hash.equals(existing.requestHash())) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This idempotency key was used for another request");
        }
        return festivals.require(existing.festivalId()).flatMap(f -> {
            if (existing.totalCents() == 0 || !"PENDING".equals(existing.status())) {
                return response(existing, f, null);
            }
            // Same Stripe idempotency key: the same PaymentIntent and client secret as the first time.
            return requestPayment(existing, f, false);
        });
    }

    private Uni<PurchaseResponse> response(OrderRow order, Festival f, IntentResult intent) {
        return store.byOrder(order.id()).flatMap(rows -> response(order, rows, f, intent));
    }

    private Uni<PurchaseResponse> response(OrderRow order, List<TicketRow> rows, Festival f, IntentResult intent) {
        return views(rows, Map.of(f.id(), f))
                .map(tickets -> new PurchaseResponse(orderView(order), tickets, intent == null ? null
                        : new PurchaseResponse.PaymentRef(intent.paymentId(), intent.paymentIntentId(),
                                intent.clientSecret())));
    }

    // ------------------------------------------------------------------ reads

    public Uni<List<TicketView>> mine(UUID userId, UUID festivalId) {
        return store.byUser(userId, festivalId).flatMap(rows -> views(rows, new HashMap<>()));
    }

    /** The holder, the festival's crew, or ADMIN. */
    public Uni<TicketView> get(UUID callerId, UUID ticketId) {
        return readable(callerId, ticketId).flatMap(this::view);
    }

    /** The ticket's signed payload (holder or crew); 409 ERR_5009 unless the ticket is SOLD. */
    public Uni<String> qrPayload(UUID callerId, UUID ticketId) {
        return readable(callerId, ticketId).flatMap(this::view).map(v -> {
            if (v.qrCode() == null) {
                throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                        "Only a sold ticket has a QR code (ticket is " + v.status() + ")");
            }
            return v.qrCode();
        });
    }

    Uni<TicketRow> readable(UUID callerId, UUID ticketId) {
        return require(ticketId).flatMap(t -> {
            // Only the current holder: after a transfer the buyer must not see the new QR.
            if (t.userId().equals(callerId)) {
                return Uni.createFrom().item(t);
            }
            return access.require(t.festivalId(), FestivalAccess.Level.CREW).replaceWith(t);
        });
    }

    Uni<TicketRow> require(UUID ticketId) {
        return store.find(ticketId).onItem().ifNull().failWith(() -> ApiException.notFound("Ticket"));
    }

    // ------------------------------------------------------------------ transfer

    public Uni<TicketView> transfer(UUID callerId, UUID ticketId, String recipientEmail) {
        return require(ticketId).flatMap(t -> {
            if (!t.userId().equals(callerId)) {
                throw new ApiException(ErrorCode.NOT_OWNER, "Only the ticket's holder may transfer it");
            }
            checkTransferable(t);
            return users.findByEmail(recipientEmail).flatMap(recipient -> {
                if (recipient == null) {
                    throw ApiException.notFound("Recipient");
                }
                if (recipient.id().equals(callerId)) {
                    throw ApiException.invalidField("recipientEmail", "must be another user than the holder");
                }
                if (recipient.status() == UserStatus.BANNED || recipient.status() == UserStatus.INACTIVE) {
                    throw ApiException.invalidField("recipientEmail", "the recipient's account is disabled");
                }
                return store.transfer(ticketId, callerId, recipient.id()).flatMap(done -> {
                    if (!done) {
                        return require(ticketId).map(fresh -> {
                            checkTransferable(fresh);
                            throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                                    "The ticket changed meanwhile; try again");
                        });
                    }
                    events.record("ticket.transferred", "ticketId", ticketId, "festivalId", t.festivalId(),
                            "from", callerId, "to", recipient.id());
                    ticketEvents.fire(new TicketEvents.Transferred(ticketId, t.festivalId(), callerId,
                            recipient.id()));
                    return require(ticketId).flatMap(this::view);
                });
            });
        });
    }

    private static void checkTransferable(TicketRow t) {
        if ("USED".equals(t.status())) {
            throw new ApiException(ErrorCode.TICKET_ALREADY_USED, "A used ticket cannot be transferred");
        }
        if (!"SOLD".equals(t.status())) {
            throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                    "Only a sold ticket can be transferred (ticket is " + t.status() + ")");
        }
        if (t.refundRequestedAt() != null) {
            throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, "A refund of this ticket is in progress");
        }
    }

    // ------------------------------------------------------------------ cancel / refund

    /**
     * RESERVED: the order's reservation is released (quota back) and its PaymentIntent cancelled.
     * SOLD and free: CANCELLED, quota back. SOLD and paid: refunded through the payments core (the
     * payer under the refund policy, or org); the refund's effect marks it REFUNDED. USED → 409.
     */
    public Uni<TicketView> cancel(Caller caller, UUID ticketId) {
        return require(ticketId).flatMap(t -> mayCancel(caller, t).replaceWith(t)).flatMap(t -> switch (t.status()) {
            case "RESERVED" -> store.release(store.pool(), t.orderId(), "CANCELLED")
                    .call(released -> released == null ? Uni.createFrom().voidItem()
                            : promoCodes.release(null, t.orderId()))
                    .call(released -> released == null || t.paymentId() == null ? Uni.createFrom().voidItem()
                            : cancelPaymentQuietly(t.paymentId()))
                    .flatMap(released -> after(t, released != null, "CANCELLED"));
            case "SOLD" -> t.paymentId() == null
                    ? store.cancelFree(t.id()).flatMap(done -> after(t, done, "CANCELLED"))
                    : refund(caller, t);
            case "USED" -> Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                    "A used ticket cannot be cancelled or refunded"));
            default -> Uni.createFrom().failure(new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                    "The ticket is already " + t.status()));
        });
    }

    private Uni<Void> mayCancel(Caller caller, TicketRow t) {
        if (caller.admin() || t.userId().equals(caller.id())) {
            return Uni.createFrom().voidItem();
        }
        return access.require(t.festivalId(), FestivalAccess.Level.ORG).replaceWithVoid();
    }

    private Uni<TicketView> refund(Caller caller, TicketRow t) {
        return store.markRefundRequested(t.id()).flatMap(claimed -> {
            if (!claimed) {
                return require(t.id()).map(fresh -> {
                    throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, fresh.refundRequestedAt() != null
                            ? "A refund of this ticket is already in progress"
                            : "The ticket is already " + fresh.status());
                });
            }
            return refunds.refund(caller, t.paymentId(), t.purchasePriceCents(), "requested_by_customer",
                            "Ticket " + t.id() + " cancelled", null, false)
                    .onFailure().call(e -> store.clearRefundRequested(t.id()))
                    .flatMap(r -> after(t, true, "REFUNDED"));
        });
    }

    private Uni<TicketView> after(TicketRow before, boolean changed, String status) {
        if (!changed) {
            return require(before.id()).map(fresh -> {
                throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, "The ticket is already " + fresh.status());
            });
        }
        events.record("ticket.cancelled", "ticketId", before.id(), "festivalId", before.festivalId(), "from",
                before.status(), "to", status);
        ticketEvents.fire(new TicketEvents.Cancelled(before.id(), before.festivalId(), before.userId(), status));
        return require(before.id()).flatMap(this::view);
    }

    private Uni<Void> cancelPaymentQuietly(UUID paymentId) {
        return payments.cancel(new Caller(null, true), paymentId)
                .onFailure().invoke(e -> LOG.infof("ticket.payment_cancel_skipped paymentId=%s: %s", paymentId,
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------ revocations, invoices

    public Uni<RevokedList> revoked(UUID festivalId, OffsetDateTime since) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return access.require(festivalId, FestivalAccess.Level.CREW)
                .flatMap(g -> store.revocations(festivalId, since))
                .map(rows -> {
                    List<RevokedList.Entry> out = new ArrayList<>(rows.size());
                    rows.forEach(r -> out.add(new RevokedList.Entry((UUID) r[0], (Integer) r[1],
                            (OffsetDateTime) r[2], (String) r[3])));
                    return new RevokedList(out, now);
                });
    }

    /** The buyer, or org of the festival. */
    public Uni<InvoiceView> invoice(UUID callerId, UUID orderId) {
        return store.order(orderId).flatMap(o -> {
            if (o == null) {
                throw ApiException.notFound("Order");
            }
            Uni<?> allowed = o.userId().equals(callerId) ? Uni.createFrom().voidItem()
                    : access.require(o.festivalId(), FestivalAccess.Level.ORG);
            return allowed.flatMap(x -> festivals.require(o.festivalId()))
                    .flatMap(f -> users.findById(o.userId()).flatMap(buyer -> store.byOrder(o.id())
                            .map(tickets -> invoiceOf(o, f, buyer, tickets))));
        });
    }

    private static InvoiceView invoiceOf(OrderRow o, Festival f, UserView buyer, List<TicketRow> tickets) {
        String category = tickets.isEmpty() ? "Ticket" : tickets.get(0).categoryName();
        List<InvoiceView.Line> lines = new ArrayList<>();
        lines.add(new InvoiceView.Line(category + " — " + f.name(), o.quantity(), Money.fromCents(o.unitPriceCents()),
                Money.fromCents(o.subtotalCents())));
        if (o.discountCents() > 0) {
            lines.add(new InvoiceView.Line("Discount" + (o.promoCode() == null ? "" : " (" + o.promoCode() + ")"), 1,
                    Money.fromCents(-o.discountCents()), Money.fromCents(-o.discountCents())));
        }
        String paymentStatus = switch (o.status()) {
            case "PAID" -> o.totalCents() == 0 ? "FREE" : o.refundedCents() > 0 ? "PARTIALLY_REFUNDED" : "COMPLETED";
            case "REFUNDED" -> "REFUNDED";
            case "PENDING" -> "PENDING";
            default -> "CANCELLED";
        };
        InvoiceView.Buyer b = buyer == null ? new InvoiceView.Buyer(o.userId(), null, null, null)
                : new InvoiceView.Buyer(buyer.id(), buyer.email(), buyer.firstName(), buyer.lastName());
        OffsetDateTime issued = o.paidAt() != null ? o.paidAt() : o.createdAt();
        return new InvoiceView(o.id(), "T-" + issued.getYear() + "-" + String.format("%08d", o.number()), issued, b,
                new InvoiceView.Seller(f.id(), f.name(), f.location(), f.startDate(), f.endDate()), lines,
                Money.fromCents(o.subtotalCents()), Money.fromCents(o.discountCents()), Money.fromCents(o.totalCents()),
                Money.fromCents(o.refundedCents()), o.currency(), o.status(), paymentStatus, o.paymentId());
    }

    // ------------------------------------------------------------------ views

    Uni<TicketView> view(TicketRow t) {
        return festivals.require(t.festivalId()).flatMap(f -> view(t, f));
    }

    Uni<List<TicketView>> views(List<TicketRow> rows, Map<UUID, Festival> known) {
        Map<UUID, Festival> cache = new HashMap<>(known);
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(t -> {
                    Festival f = cache.get(t.festivalId());
                    Uni<Festival> fu = f != null ? Uni.createFrom().item(f)
                            : festivals.require(t.festivalId()).invoke(x -> cache.put(x.id(), x));
                    return fu.flatMap(x -> view(t, x));
                })
                .collect().asList();
    }

    Uni<TicketView> view(TicketRow t, Festival f) {
        return view(t, ref(f));
    }

    /** The ticket's view; a SOLD ticket's QR payload is signed (deterministic: same claims and key, same payload). */
    Uni<TicketView> view(TicketRow t, TicketView.FestivalRef f) {
        Uni<String> qr = "SOLD".equals(t.status()) ? signer.sign(claims(t, f)) : Uni.createFrom().nullItem();
        return qr.map(code -> view(t, f, code));
    }

    /** The ticket's view with a QR payload already at hand (null unless the ticket is SOLD). */
    static TicketView view(TicketRow t, TicketView.FestivalRef f, String qrCode) {
        return new TicketView(t.id(), t.festivalId(), t.categoryId(), t.orderId(), t.userId(),
                t.status(), qrCode, t.revision(), Money.fromCents(t.purchasePriceCents()), t.currency(), t.usedAt(),
                t.transferredFromUserId(), t.transferredAt(), f,
                new TicketView.CategoryRef(t.categoryId(), t.categoryName(), t.categoryType()), t.createdAt(),
                t.updatedAt());
    }

    static TicketView.FestivalRef ref(Festival f) {
        return new TicketView.FestivalRef(f.id(), f.name(), f.startDate(), f.endDate());
    }

    TicketSigner.TicketClaims claims(TicketRow t, TicketView.FestivalRef f) {
        return new TicketSigner.TicketClaims(t.id(), t.festivalId(), t.categoryId(), t.revision(),
                f.startDate().toInstant().minus(config.entryOpensBefore()),
                f.endDate().toInstant().plus(config.entryClosesAfter()));
    }

    static OrderView orderView(OrderRow o) {
        return new OrderView(o.id(), o.number(), o.userId(), o.festivalId(), o.categoryId(), o.quantity(),
                Money.fromCents(o.unitPriceCents()), Money.fromCents(o.subtotalCents()),
                Money.fromCents(o.discountCents()), Money.fromCents(o.totalCents()), o.currency(), o.status(),
                o.paymentId(), o.promoCode(), o.expiresAt(), o.paidAt(), o.createdAt(), o.updatedAt());
    }

    private static boolean isIdempotencyClash(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState())
                && String.valueOf(pg.getConstraint()).contains("ticket_orders_idempotency");
    }

    private static String hash(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(p).append('\u001f');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
