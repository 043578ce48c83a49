package dev.festival.cashless;

import dev.festival.cashless.WalletLedger.MoveOutcome;
import dev.festival.cashless.WalletLedger.RefundOutcome;
import dev.festival.cashless.WalletLedger.WalletRef;
import dev.festival.cashless.dto.AccountView;
import dev.festival.cashless.dto.BalanceRefundRequest;
import dev.festival.cashless.dto.BalanceRefundView;
import dev.festival.cashless.dto.BalanceView;
import dev.festival.cashless.dto.CashlessSettingsRequest;
import dev.festival.cashless.dto.CashlessSettingsView;
import dev.festival.cashless.dto.ChargeResponse;
import dev.festival.cashless.dto.PayRequest;
import dev.festival.cashless.dto.QrTokenView;
import dev.festival.cashless.dto.ReconciliationView;
import dev.festival.cashless.dto.RefundPaymentRequest;
import dev.festival.cashless.dto.TopupPendingResponse;
import dev.festival.cashless.dto.TopupRequest;
import dev.festival.cashless.dto.TransactionPage;
import dev.festival.cashless.dto.TransactionView;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.money.Money;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.CurrentUser;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The wallet's rules (API.md "Cashless"): validation order, who may move money, idempotent retries,
 * and the translation of what a ledger statement found into the API.md errors. Money moves only in
 * {@link WalletLedger}, one statement per movement.
 */
@ApplicationScoped
public class CashlessService {
    private static final Logger LOG = Logger.getLogger(CashlessService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_KEY_LENGTH = 255;
    private static final int MAX_TEXT_LENGTH = 500;
    /** A retried statement that lost a duplicate-key race is re-run this many times at most. */
    private static final int IDEMPOTENCY_RERUNS = 3;
    private static final Set<String> TYPES = Set.of("TOPUP", "PAYMENT", "REFUND", "TRANSFER", "CORRECTION");

    @Inject
    WalletLedger ledger;

    @Inject
    Pool pool;

    @Inject
    CurrentUser currentUser;

    @Inject
    FestivalAccess festivalAccess;

    @Inject
    TopupPayments topupPayments;

    @Inject
    CashlessConfig config;

    public String currency() {
        return config.currency().toUpperCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ accounts

    /** The outcome of get-or-create: the wallet and whether this call created it. */
    public record EnsuredAccount(AccountView account, boolean created) {}

    /** Get-or-create the caller's wallet in one statement (INSERT ... ON CONFLICT DO NOTHING + select). */
    public Uni<EnsuredAccount> ensureAccount(UUID userId) {
        return pool.preparedQuery("""
                        WITH ins AS (
                            INSERT INTO cashless_accounts (id, user_id, currency) VALUES ($1, $2, $3)
                            ON CONFLICT (user_id) DO NOTHING
                            RETURNING *)
                        SELECT ins.*, true AS created FROM ins
                        UNION ALL
                        SELECT a.*, false AS created FROM cashless_accounts a
                         WHERE a.user_id = $2 AND NOT EXISTS (SELECT 1 FROM ins)""")
                .execute(Tuple.of(UUID.randomUUID(), userId, currency()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        // created by a concurrent request after this statement's snapshot: it is there now
                        return requireOwnAccount(userId).map(a -> new EnsuredAccount(a, false));
                    }
                    Row row = rows.iterator().next();
                    if (row.getBoolean("created")) {
                        LOG.infof("wallet.created accountId=%s userId=%s", row.getUUID("id"), userId);
                    }
                    return Uni.createFrom().item(new EnsuredAccount(account(row), row.getBoolean("created")));
                });
    }

    public Uni<BalanceView> balance(UUID userId) {
        return ensureAccount(userId).map(e -> {
            AccountView a = e.account();
            return new BalanceView(a.balance(), a.isActive() ? a.balance() : Money.fromCents(0), Money.fromCents(0),
                    a.currency());
        });
    }

    public Uni<AccountView> setActive(UUID userId, boolean active) {
        return updateOwn(userId, "is_active = $2", active)
                .invoke(a -> LOG.infof("wallet.%s accountId=%s", active ? "reactivated" : "deactivated", a.id()));
    }

    // ------------------------------------------------------------------ NFC

    public Uni<AccountView> linkNfc(UUID userId, String tag) {
        String nfc = requireTag(tag);
        return ensureAccount(userId)
                // re-linking the same tag keeps its blocked state; a new tag starts unblocked
                .chain(() -> pool.preparedQuery("""
                                UPDATE cashless_accounts
                                   SET nfc_blocked = CASE WHEN nfc_tag_id = $2 THEN nfc_blocked ELSE false END,
                                       nfc_tag_id = $2, updated_at = now()
                                 WHERE user_id = $1 RETURNING *""")
                        .execute(Tuple.of(userId, nfc)))
                .map(rows -> account(rows.iterator().next()))
                .onFailure(CashlessService::isUniqueViolation)
                .transform(e -> new ApiException(ErrorCode.CONFLICT, "This NFC tag is linked to another wallet"))
                .invoke(a -> LOG.infof("wallet.nfc_linked accountId=%s", a.id()));
    }

    public Uni<AccountView> unlinkNfc(UUID userId) {
        return pool.preparedQuery("""
                        UPDATE cashless_accounts SET nfc_tag_id = NULL, nfc_blocked = false, updated_at = now()
                         WHERE user_id = $1 RETURNING *""")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("Cashless account");
                    }
                    return account(rows.iterator().next());
                })
                .invoke(a -> LOG.infof("wallet.nfc_unlinked accountId=%s", a.id()));
    }

    /** The wallet behind a tag: the owner, ADMIN, platform CASHIER/STAFF, or crew of any festival. */
    public Uni<AccountView> nfcLookup(String tag) {
        String nfc = requireTag(tag);
        return tagWithAccess(nfc).map(r -> r.account);
    }

    /** Blocks a lost tag: debits naming the wallet by this tag answer 403 ERR_5010 until unblocked. */
    public Uni<AccountView> setNfcBlocked(String tag, boolean blocked) {
        String nfc = requireTag(tag);
        return tagWithAccess(nfc)
                .chain(found -> {
                    // unblocking is the owner's (or an ADMIN's) decision: crew can only block
                    if (!blocked && !found.owner && !currentUser.isAdmin()) {
                        throw new ApiException(ErrorCode.NOT_OWNER, "Only the wallet's owner may unblock its tag");
                    }
                    return pool.preparedQuery("""
                                    UPDATE cashless_accounts SET nfc_blocked = $2, updated_at = now()
                                     WHERE nfc_tag_id = $1 RETURNING *""")
                            .execute(Tuple.of(nfc, blocked));
                })
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("NFC tag");
                    }
                    return account(rows.iterator().next());
                })
                .invoke(a -> LOG.infof("wallet.nfc_%s accountId=%s by=%s", blocked ? "blocked" : "unblocked", a.id(),
                        currentUser.id()));
    }

    private record TagAccess(AccountView account, boolean owner) {}

    private Uni<TagAccess> tagWithAccess(String nfc) {
        UUID caller = currentUser.id();
        Role role = currentUser.role();
        boolean platformCrew = role == Role.ADMIN || role == Role.CASHIER || role == Role.STAFF
                || role == Role.SECURITY;
        return pool.preparedQuery("""
                        SELECT a.*,
                               EXISTS (SELECT 1 FROM festival_members m WHERE m.user_id = $2)
                               OR EXISTS (SELECT 1 FROM festivals f WHERE f.organizer_id = $2 AND f.deleted_at IS NULL)
                                   AS festival_crew
                          FROM (SELECT 1) one
                          LEFT JOIN cashless_accounts a ON a.nfc_tag_id = $1""")
                .execute(Tuple.of(nfc, caller))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    boolean owner = caller.equals(row.getUUID("user_id"));
                    if (!owner && !platformCrew && !row.getBoolean("festival_crew")) {
                        throw new ApiException(ErrorCode.ROLE_FORBIDDEN,
                                "Only festival crew or the wallet's owner may look up a tag");
                    }
                    if (row.getUUID("id") == null) {
                        throw ApiException.notFound("NFC tag");
                    }
                    return new TagAccess(account(row), owner);
                });
    }

    // ------------------------------------------------------------------ QR tokens

    public Uni<QrTokenView> issueQrToken(UUID userId) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime expiresAt = OffsetDateTime.now(ZoneOffset.UTC).plus(config.qrTokenTtl());
        return ensureAccount(userId)
                .chain(e -> pool.preparedQuery("""
                                WITH purge AS (
                                    DELETE FROM cashless_qr_tokens WHERE account_id = $2 AND expires_at < now())
                                INSERT INTO cashless_qr_tokens (token_hash, account_id, expires_at) VALUES ($1, $2, $3)""")
                        .execute(Tuple.of(sha256(token), e.account().id(), expiresAt)))
                .map(x -> new QrTokenView(token, expiresAt));
    }

    // ------------------------------------------------------------------ pay

    public Uni<ChargeResponse> pay(PayRequest body, String headerKey) {
        if (body == null) {
            throw ApiException.invalidField("amount", "is required");
        }
        long cents = positiveCents(body.amount());
        if (body.festivalId() == null) {
            throw ApiException.invalidField("festivalId", "is required");
        }
        checkCurrency(body.currency());
        String description = text(body.description(), "description");
        String key = idempotencyKey(headerKey, body.idempotencyKey());
        UUID caller = currentUser.id();
        boolean admin = currentUser.isAdmin();

        WalletRef ref;
        Object refValue;
        boolean self = false;
        if (body.accountId() != null) {
            ref = WalletRef.ACCOUNT;
            refValue = body.accountId();
        } else if (notBlank(body.nfcTagId())) {
            ref = WalletRef.NFC_TAG;
            refValue = body.nfcTagId().trim();
        } else if (notBlank(body.qrToken())) {
            ref = WalletRef.QR_TOKEN;
            refValue = sha256(body.qrToken().trim());
        } else if (body.userId() != null) {
            ref = WalletRef.USER;
            refValue = body.userId();
        } else {
            ref = WalletRef.USER;
            refValue = caller;
            self = true;
        }
        // the request hash only matters for a retry (it is compared under the same key)
        String hash = key == null ? null : requestHash("PAY", cents, body.festivalId(), ref, ref == WalletRef.QR_TOKEN ? refValue
                : self ? "self" : refValue, body.vendorId(), description);
        boolean ownWalletRequested = self;
        UUID txId = LedgerIds.next();
        return withIdempotencyReruns(() -> ledger.pay(txId, cents, body.festivalId(), caller, admin, ref, refValue,
                        body.vendorId(), description, key, hash))
                .chain(o -> {
                    Grantee g = new Grantee(admin, caller.equals(o.organizerId()), Role.parse(o.memberRole()));
                    boolean ownWallet = ownWalletRequested || caller.equals(o.accountUserId());
                    if (o.festivalFound() && !g.mayOperate() && !ownWallet) {
                        throw g.denial();
                    }
                    if (o.transaction() != null) {
                        return Uni.createFrom().item(answer(o.transaction(), o.replay(), hash, "wallet.charged"));
                    }
                    if (!o.festivalFound()) {
                        throw ApiException.notFound("Festival");
                    }
                    if (o.accountId() == null) {
                        throw ref == WalletRef.QR_TOKEN ? ApiException.notFound("QR token (unknown or expired)")
                                : ApiException.notFound("Cashless account");
                    }
                    if (!o.accountActive()) {
                        throw new ApiException(ErrorCode.BLOCKED, "This wallet is deactivated");
                    }
                    if (ref == WalletRef.NFC_TAG && o.accountBlocked()) {
                        throw new ApiException(ErrorCode.BLOCKED, "This NFC tag is blocked");
                    }
                    if (o.accountBalanceCents() < cents) {
                        throw insufficient(o.accountBalanceCents(), cents);
                    }
                    // the statement's snapshot showed enough: a concurrent charge won the race; say what is left now
                    return currentState(o.accountId()).map(now -> {
                        if (!now.active) {
                            throw new ApiException(ErrorCode.BLOCKED, "This wallet is deactivated");
                        }
                        throw insufficient(now.balanceCents, cents);
                    });
                });
    }

    // ------------------------------------------------------------------ top-up

    /** Either a {@link ChargeResponse} (cash desk) or a {@link TopupPendingResponse} (online card). */
    public Uni<Object> topup(TopupRequest body, String headerKey) {
        if (body == null) {
            throw ApiException.invalidField("amount", "is required");
        }
        long cents = positiveCents(body.amount());
        checkCurrency(body.currency());
        String method = body.paymentMethod() == null || body.paymentMethod().isBlank() ? "CARD"
                : body.paymentMethod().trim().toUpperCase(Locale.ROOT);
        if (!Set.of("CARD", "CASH", "TERMINAL").contains(method)) {
            throw ApiException.invalidField("paymentMethod", "must be CARD, CASH or TERMINAL");
        }
        String description = text(body.description(), "description");
        String key = idempotencyKey(headerKey, body.idempotencyKey());
        if (method.equals("CARD")) {
            return cardTopup(body, cents, key).map(Object.class::cast);
        }
        if (body.festivalId() == null) {
            throw ApiException.invalidField("festivalId", "is required for a cash-desk top-up");
        }
        WalletRef ref;
        Object refValue;
        if (body.accountId() != null) {
            ref = WalletRef.ACCOUNT;
            refValue = body.accountId();
        } else if (notBlank(body.nfcTagId())) {
            ref = WalletRef.NFC_TAG;
            refValue = body.nfcTagId().trim();
        } else if (body.userId() != null) {
            ref = WalletRef.USER;
            refValue = body.userId();
        } else {
            throw ApiException.invalidField("accountId", "accountId, nfcTagId or userId names the wallet to top up");
        }
        UUID caller = currentUser.id();
        boolean admin = currentUser.isAdmin();
        String hash = key == null ? null : requestHash("TOPUP", cents, body.festivalId(), method, ref, refValue, description);
        UUID txId = LedgerIds.next();
        Uni<Void> prepare = ref == WalletRef.USER ? ensureWalletOfExistingUser(body.userId())
                : Uni.createFrom().voidItem();
        return prepare.chain(() -> withIdempotencyReruns(() -> ledger.cashTopup(txId, cents, body.festivalId(), caller,
                        admin, ref, refValue, method, description, key, hash)))
                .map(o -> {
                    if (!o.festivalFound()) {
                        throw ApiException.notFound("Festival");
                    }
                    Grantee g = new Grantee(admin, caller.equals(o.organizerId()), Role.parse(o.memberRole()));
                    if (!g.mayOperate()) {
                        throw g.denial();
                    }
                    if (o.transaction() != null) {
                        return answer(o.transaction(), o.replay(), hash, "wallet.topped_up");
                    }
                    if (o.accountId() == null) {
                        throw ApiException.notFound("Cashless account");
                    }
                    if (!o.accountActive()) {
                        throw new ApiException(ErrorCode.BLOCKED, "This wallet is deactivated");
                    }
                    throw outOfLimits(cents, o.accountBalanceCents(), o.minTopupCents(), o.maxTopupCents(),
                            o.maxBalanceCents());
                })
                .map(Object.class::cast);
    }

    private Uni<TopupPendingResponse> cardTopup(TopupRequest body, long cents, String key) {
        UUID caller = currentUser.id();
        if (body.userId() != null && !body.userId().equals(caller)) {
            throw new ApiException(ErrorCode.NOT_OWNER, "An online top-up credits the caller's own wallet");
        }
        Uni<Limits> limits = body.festivalId() == null ? Uni.createFrom().item(Limits.DEFAULT)
                : limits(body.festivalId());
        return limits.chain(l -> ensureAccount(caller).chain(e -> {
            AccountView a = e.account();
            if ((body.accountId() != null && !body.accountId().equals(a.id()))
                    || (notBlank(body.nfcTagId()) && !body.nfcTagId().trim().equals(a.nfcTagId()))) {
                throw new ApiException(ErrorCode.NOT_OWNER, "An online top-up credits the caller's own wallet");
            }
            if (!a.isActive()) {
                throw new ApiException(ErrorCode.BLOCKED, "This wallet is deactivated");
            }
            long balance = Money.toCents(a.balance(), "balance");
            if (cents < l.minTopupCents || cents > l.maxTopupCents || balance + cents > l.maxBalanceCents) {
                throw outOfLimits(cents, balance, l.minTopupCents, l.maxTopupCents, l.maxBalanceCents);
            }
            return topupPayments.createTopupIntent(caller, body.festivalId(), cents, currency(), key);
        })).map(intent -> {
            LOG.infof("wallet.topup_started userId=%s paymentId=%s amountCents=%d", caller, intent.paymentId(), cents);
            return new TopupPendingResponse(new TopupPendingResponse.Payment(intent.paymentId(),
                    intent.paymentIntentId(), intent.clientSecret(), Money.fromCents(cents), currency(),
                    intent.status() == null ? "PENDING" : intent.status()), "PENDING");
        });
    }

    /** A cashier tops up a user by id: that user's wallet is created on the way if needed. */
    private Uni<Void> ensureWalletOfExistingUser(UUID userId) {
        return pool.preparedQuery("""
                        INSERT INTO cashless_accounts (id, user_id, currency) VALUES ($1, $2, $3)
                        ON CONFLICT (user_id) DO NOTHING""")
                .execute(Tuple.of(UUID.randomUUID(), userId, currency()))
                .onFailure(CashlessService::isForeignKeyViolation)
                .transform(e -> ApiException.notFound("User"))
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------ refund

    public Uni<ChargeResponse> refund(UUID pathTransactionId, RefundPaymentRequest body, String headerKey) {
        RefundPaymentRequest b = body == null ? new RefundPaymentRequest(null, null, null, null) : body;
        Long cents = b.amount() == null ? null : positiveCents(b.amount());
        UUID txId = pathTransactionId != null ? pathTransactionId : b.transactionId();
        if (txId == null) {
            throw ApiException.invalidField("transactionId", "is required");
        }
        String reason = text(b.reason(), "reason");
        String key = idempotencyKey(headerKey, b.idempotencyKey());
        UUID caller = currentUser.id();
        boolean admin = currentUser.isAdmin();
        String hash = key == null ? null : requestHash("REFUND", txId, cents, reason);
        UUID refundId = LedgerIds.next();
        return withIdempotencyReruns(() -> ledger.refund(refundId, txId, cents, caller, admin, reason, key, hash))
                .map(o -> {
                    if (!o.originalFound()) {
                        throw ApiException.notFound("Transaction");
                    }
                    Grantee g = new Grantee(admin, caller.equals(o.organizerId()), Role.parse(o.memberRole()));
                    if (!g.mayOperate()) {
                        throw g.denial();
                    }
                    if (o.transaction() != null) {
                        return answer(o.transaction(), o.replay(), hash, "wallet.refunded");
                    }
                    if (!"PAYMENT".equals(o.originalType())) {
                        throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION, "Only a payment can be refunded");
                    }
                    long refundable = o.paidCents() - o.refundedCents();
                    if (refundable <= 0) {
                        throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                                "This payment is already fully refunded",
                                Map.of("refundable", Money.fromCents(0)));
                    }
                    long asked = o.requestedCents() == null ? refundable : o.requestedCents();
                    throw new ApiException(ErrorCode.INVALID_STATE_TRANSITION,
                            "The refund exceeds what remains refundable on this payment",
                            Map.of("refundable", Money.fromCents(refundable), "amount", Money.fromCents(asked)));
                });
    }

    // ------------------------------------------------------------------ transactions

    public Uni<TransactionPage> transactions(UUID userId, String festivalId, String type, String scope,
                                             PageRequest page) {
        UUID festival = optionalUuid(festivalId, "festivalId");
        String t = type == null || type.isBlank() ? null : type.trim().toUpperCase(Locale.ROOT);
        if (t != null && !TYPES.contains(t)) {
            throw new ApiException(ErrorCode.BAD_QUERY_PARAMETER, "Invalid query parameter",
                    Map.of("fields", List.of(new ApiException.FieldError("type",
                            "must be one of TOPUP, PAYMENT, REFUND, TRANSFER, CORRECTION"))));
        }
        boolean festivalScope = scope != null && scope.trim().equalsIgnoreCase("festival");
        String order = "amount".equals(page.sortBy()) ? "abs(t.amount_cents)" : "t.created_at";
        String dir = page.ascending() ? "ASC" : "DESC";
        if (festivalScope) {
            if (festival == null) {
                throw new ApiException(ErrorCode.BAD_QUERY_PARAMETER, "Invalid query parameter",
                        Map.of("fields", List.of(new ApiException.FieldError("festivalId",
                                "is required with scope=festival"))));
            }
            String where = "t.festival_id = $1 AND ($2::text IS NULL OR t.type = $2)";
            return festivalAccess.require(festival, FestivalAccess.Level.ORG)
                    .chain(g -> listTransactions(where, Tuple.of(festival, t), order, dir, page));
        }
        String where = "t.account_id = (SELECT id FROM cashless_accounts WHERE user_id = $1)"
                + " AND ($2::uuid IS NULL OR t.festival_id = $2) AND ($3::text IS NULL OR t.type = $3)";
        return listTransactions(where, Tuple.of(userId, festival, t), order, dir, page);
    }

    private Uni<TransactionPage> listTransactions(String where, Tuple args, String order, String dir,
                                                  PageRequest page) {
        int n = args.size();
        Tuple pageArgs = Tuple.tuple();
        for (int i = 0; i < n; i++) {
            pageArgs.addValue(args.getValue(i));
        }
        pageArgs.addValue(page.limit()).addValue(page.offset());
        Uni<Long> total = pool.preparedQuery("SELECT count(*) AS n FROM cashless_transactions t WHERE " + where)
                .execute(args).map(rows -> rows.iterator().next().getLong("n"));
        Uni<List<TransactionView>> data = pool.preparedQuery("SELECT t.* FROM cashless_transactions t WHERE " + where
                        + " ORDER BY " + order + " " + dir + ", t.id LIMIT $" + (n + 1) + " OFFSET $" + (n + 2))
                .execute(pageArgs)
                .map(rows -> {
                    List<TransactionView> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(view(LedgerRow.from(row)));
                    }
                    return list;
                });
        return Uni.combine().all().unis(total, data).asTuple()
                .map(x -> TransactionPage.of(Page.of(x.getItem2(), x.getItem1(), page)));
    }

    // ------------------------------------------------------------------ end-of-festival refund request

    public Uni<BalanceRefundView> requestBalanceRefund(UUID userId, BalanceRefundRequest body) {
        BalanceRefundRequest b = body == null ? new BalanceRefundRequest(null, null, null) : body;
        String iban = b.iban() == null || b.iban().isBlank() ? null : b.iban().replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
        if (iban != null && !iban.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}")) {
            throw ApiException.invalidField("iban", "must be an IBAN");
        }
        String reason = text(b.reason(), "reason");
        return pool.preparedQuery("""
                        INSERT INTO cashless_refund_requests (id, account_id, festival_id, amount_cents, currency, iban,
                                                              reason)
                        SELECT $1, a.id, $3, a.balance_cents, a.currency, $4, $5
                          FROM cashless_accounts a WHERE a.user_id = $2
                        RETURNING *""")
                .execute(Tuple.from(new Object[] {UUID.randomUUID(), userId, b.festivalId(), iban, reason}))
                .onFailure(CashlessService::isUniqueViolation)
                .transform(e -> new ApiException(ErrorCode.CONFLICT, "A balance refund request is already pending"))
                .onFailure(CashlessService::isForeignKeyViolation)
                .transform(e -> ApiException.notFound("Festival"))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("Cashless account");
                    }
                    Row r = rows.iterator().next();
                    String stored = r.getString("iban");
                    LOG.infof("wallet.refund_requested requestId=%s accountId=%s amountCents=%d", r.getUUID("id"),
                            r.getUUID("account_id"), r.getLong("amount_cents"));
                    return new BalanceRefundView(r.getUUID("id"), r.getUUID("account_id"), r.getUUID("festival_id"),
                            Money.fromCents(r.getLong("amount_cents")), r.getString("currency"),
                            stored == null ? null : "****" + stored.substring(stored.length() - 4),
                            r.getString("reason"), r.getString("status"), r.getOffsetDateTime("created_at"));
                });
    }

    // ------------------------------------------------------------------ festival: limits, reconciliation

    record Limits(long minTopupCents, long maxTopupCents, long maxBalanceCents) {
        static final Limits DEFAULT = new Limits(500, 50_000, 100_000);
    }

    Uni<Limits> limits(UUID festivalId) {
        return pool.preparedQuery("""
                        SELECT f.id, s.min_topup_cents, s.max_topup_cents, s.max_balance_cents
                          FROM festivals f LEFT JOIN cashless_festival_settings s ON s.festival_id = f.id
                         WHERE f.id = $1 AND f.deleted_at IS NULL""")
                .execute(Tuple.of(festivalId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("Festival");
                    }
                    Row r = rows.iterator().next();
                    return r.getLong("min_topup_cents") == null ? Limits.DEFAULT
                            : new Limits(r.getLong("min_topup_cents"), r.getLong("max_topup_cents"),
                                    r.getLong("max_balance_cents"));
                });
    }

    public Uni<CashlessSettingsView> settings(UUID festivalId) {
        return festivalAccess.require(festivalId, FestivalAccess.Level.CREW)
                .chain(g -> limits(festivalId))
                .map(l -> settingsView(festivalId, l));
    }

    public Uni<CashlessSettingsView> updateSettings(UUID festivalId, CashlessSettingsRequest body) {
        CashlessSettingsRequest b = body == null ? new CashlessSettingsRequest(null, null, null) : body;
        Long min = b.minTopup() == null ? null : positiveCents(b.minTopup(), "minTopup");
        Long max = b.maxTopup() == null ? null : positiveCents(b.maxTopup(), "maxTopup");
        Long maxBal = b.maxBalance() == null ? null : positiveCents(b.maxBalance(), "maxBalance");
        return festivalAccess.require(festivalId, FestivalAccess.Level.ORG)
                .chain(g -> limits(festivalId))
                .chain(cur -> {
                    Limits next = new Limits(min == null ? cur.minTopupCents : min,
                            max == null ? cur.maxTopupCents : max, maxBal == null ? cur.maxBalanceCents : maxBal);
                    if (next.maxTopupCents < next.minTopupCents) {
                        throw ApiException.invalidField("maxTopup", "must be at least minTopup");
                    }
                    return pool.preparedQuery("""
                                    INSERT INTO cashless_festival_settings
                                           (festival_id, min_topup_cents, max_topup_cents, max_balance_cents)
                                    VALUES ($1, $2, $3, $4)
                                    ON CONFLICT (festival_id) DO UPDATE
                                       SET min_topup_cents = EXCLUDED.min_topup_cents,
                                           max_topup_cents = EXCLUDED.max_topup_cents,
                                           max_balance_cents = EXCLUDED.max_balance_cents, updated_at = now()""")
                            .execute(Tuple.of(festivalId, next.minTopupCents, next.maxTopupCents,
                                    next.maxBalanceCents))
                            .map(x -> settingsView(festivalId, next));
                });
    }

    private CashlessSettingsView settingsView(UUID festivalId, Limits l) {
        return new CashlessSettingsView(festivalId, Money.fromCents(l.minTopupCents),
                Money.fromCents(l.maxTopupCents), Money.fromCents(l.maxBalanceCents), currency());
    }

    public Uni<ReconciliationView> reconciliation(UUID festivalId) {
        return festivalAccess.require(festivalId, FestivalAccess.Level.ORG)
                .chain(g -> pool.preparedQuery("""
                                SELECT COALESCE(sum(amount_cents) FILTER (WHERE type = 'TOPUP'), 0) AS topups,
                                       COALESCE(-sum(amount_cents) FILTER (WHERE type = 'PAYMENT'), 0) AS payments,
                                       COALESCE(sum(amount_cents) FILTER (WHERE type = 'REFUND'), 0) AS refunds,
                                       COALESCE(sum(amount_cents) FILTER (WHERE type = 'CORRECTION'), 0) AS corrections,
                                       COALESCE(sum(amount_cents) FILTER (WHERE type = 'TRANSFER'), 0) AS transfers,
                                       COALESCE(sum(amount_cents), 0) AS net,
                                       count(*) AS n, count(DISTINCT account_id) AS wallets,
                                       (SELECT count(*) FROM cashless_accounts a
                                         WHERE a.balance_cents <> COALESCE((SELECT sum(l.amount_cents)
                                                 FROM cashless_transactions l WHERE l.account_id = a.id), 0))
                                           AS mismatched
                                  FROM cashless_transactions WHERE festival_id = $1""")
                        .execute(Tuple.of(festivalId)))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    long mismatched = r.getLong("mismatched");
                    return new ReconciliationView(festivalId, currency(), Money.fromCents(r.getLong("topups")),
                            Money.fromCents(r.getLong("payments")), Money.fromCents(r.getLong("refunds")),
                            Money.fromCents(r.getLong("corrections")), Money.fromCents(r.getLong("transfers")),
                            Money.fromCents(r.getLong("net")), r.getLong("n"), r.getLong("wallets"), mismatched == 0,
                            mismatched);
                });
    }

    // ------------------------------------------------------------------ helpers

    /** The caller as a festival sees them; {@link #mayOperate()} = org or CASHIER member (a cash desk). */
    private record Grantee(boolean admin, boolean owner, Role memberRole) {
        boolean mayOperate() {
            return admin || owner || memberRole == Role.ORGANIZER || memberRole == Role.CASHIER;
        }

        ApiException denial() {
            return memberRole == null ? new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER)
                    : new ApiException(ErrorCode.ROLE_FORBIDDEN, "Your role on this festival does not allow this action");
        }
    }

    private ChargeResponse answer(LedgerRow tx, boolean replay, String hash, String event) {
        if (replay) {
            if (!Objects.equals(hash, tx.requestHash())) {
                throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED);
            }
            LOG.infof("wallet.replayed transactionId=%s accountId=%s", tx.id(), tx.accountId());
        } else {
            LOG.infof("%s transactionId=%s accountId=%s festivalId=%s amountCents=%d balanceAfterCents=%d"
                            + " performedById=%s", event, tx.id(), tx.accountId(), tx.festivalId(),
                    Math.abs(tx.amountCents()), tx.balanceAfterCents(), tx.performedById());
        }
        return ChargeResponse.of(view(tx));
    }

    /**
     * Runs a money statement; when it lost a race on UNIQUE (account_id, idempotency_key) against a
     * concurrent request with the same key, its statement rolled back whole and is re-run: it then finds
     * the winner's row and answers it.
     */
    private static <T> Uni<T> withIdempotencyReruns(Supplier<Uni<T>> statement) {
        return Uni.createFrom().<T>deferred(statement::get)
                .onFailure(CashlessService::isIdempotencyRace).retry().atMost(IDEMPOTENCY_RERUNS);
    }

    private static boolean isIdempotencyRace(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState())
                && "cashless_transactions_idempotency_key".equals(pg.getConstraint());
    }

    static boolean isUniqueViolation(Throwable t) {
        return t instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    static boolean isForeignKeyViolation(Throwable t) {
        return t instanceof PgException pg && "23503".equals(pg.getSqlState());
    }

    private record WalletState(long balanceCents, boolean active) {}

    private Uni<WalletState> currentState(UUID accountId) {
        return pool.preparedQuery("SELECT balance_cents, is_active FROM cashless_accounts WHERE id = $1")
                .execute(Tuple.of(accountId))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new WalletState(r.getLong("balance_cents"), r.getBoolean("is_active"));
                });
    }

    private Uni<AccountView> requireOwnAccount(UUID userId) {
        return pool.preparedQuery("SELECT * FROM cashless_accounts WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("Cashless account");
                    }
                    return account(rows.iterator().next());
                });
    }

    private Uni<AccountView> updateOwn(UUID userId, String set, Object value) {
        return pool.preparedQuery("UPDATE cashless_accounts SET " + set + ", updated_at = now() WHERE user_id = $1"
                        + " RETURNING *")
                .execute(Tuple.of(userId, value))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("Cashless account");
                    }
                    return account(rows.iterator().next());
                });
    }

    private static ApiException insufficient(long balanceCents, long amountCents) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("balance", Money.fromCents(balanceCents));
        details.put("amount", Money.fromCents(amountCents));
        return new ApiException(ErrorCode.INSUFFICIENT_FUNDS, "Insufficient funds", details);
    }

    private static ApiException outOfLimits(long cents, Long balance, Long min, Long max, Long maxBalance) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("amount", Money.fromCents(cents));
        details.put("minTopup", Money.fromCents(min));
        details.put("maxTopup", Money.fromCents(max));
        details.put("maxBalance", Money.fromCents(maxBalance));
        if (balance != null) {
            details.put("balance", Money.fromCents(balance));
        }
        String message = cents < min || cents > max ? "The top-up must be between " + Money.fromCents(min) + " and "
                + Money.fromCents(max) : "The balance may not exceed " + Money.fromCents(maxBalance);
        return new ApiException(ErrorCode.AMOUNT_OUT_OF_LIMITS, message, details);
    }

    /** amount ≤ 0, missing, or with more than 2 decimals → 400 (checked before anything else). */
    static long positiveCents(BigDecimal amount) {
        return positiveCents(amount, "amount");
    }

    static long positiveCents(BigDecimal amount, String field) {
        if (amount == null) {
            throw ApiException.invalidField(field, "is required");
        }
        if (amount.signum() <= 0) {
            throw ApiException.invalidField(field, "must be greater than 0");
        }
        long cents = Money.toCents(amount, field);
        if (cents > 100_000_000_00L) {
            throw ApiException.invalidField(field, "is too large");
        }
        return cents;
    }

    private void checkCurrency(String currency) {
        if (currency != null && !Money.currency(currency, "currency").equals(currency())) {
            throw ApiException.invalidField("currency", "must be " + currency() + " (the wallet currency)");
        }
    }

    private static String idempotencyKey(String header, String body) {
        String key = notBlank(header) ? header.trim() : notBlank(body) ? body.trim() : null;
        if (key != null && key.length() > MAX_KEY_LENGTH) {
            throw ApiException.invalidField("idempotencyKey", "must be at most " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    private static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw ApiException.invalidField(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return value.trim();
    }

    private static String requireTag(String tag) {
        if (tag == null || tag.isBlank()) {
            throw ApiException.invalidField("nfcTagId", "is required");
        }
        if (tag.length() > 128) {
            throw ApiException.invalidField("nfcTagId", "must be at most 128 characters");
        }
        return tag.trim();
    }

    private static UUID optionalUuid(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.BAD_QUERY_PARAMETER, "Invalid query parameter",
                    Map.of("fields", List.of(new ApiException.FieldError(name, "must be a UUID"))));
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** SHA-256 over the normalised request, so that a retry with another body is told apart (409). */
    static String requestHash(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(p == null ? "" : p.toString()).append('\u001f');
        }
        return sha256(sb.toString());
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static AccountView account(Row r) {
        return new AccountView(r.getUUID("id"), r.getUUID("user_id"), Money.fromCents(r.getLong("balance_cents")),
                r.getString("currency"), r.getString("nfc_tag_id"), r.getBoolean("nfc_blocked"),
                r.getBoolean("is_active"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
    }

    TransactionView view(LedgerRow t) {
        return new TransactionView(t.id(), t.accountId(), t.festivalId(), t.type(),
                Money.fromCents(Math.abs(t.amountCents())), Money.fromCents(t.balanceBeforeCents()),
                Money.fromCents(t.balanceAfterCents()), currency(), t.description(), t.vendorId(), t.cashierId(),
                t.performedById(), t.paymentId(), t.refundOfId(),
                "PAYMENT".equals(t.type()) ? Money.fromCents(t.refundedCents()) : null, t.idempotencyKey(),
                t.metadata() == null ? null : t.metadata().getMap(), t.createdAt());
    }
}
