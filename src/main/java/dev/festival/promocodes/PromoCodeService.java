package dev.festival.promocodes;

import dev.festival.common.web.PathIds;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.events.BusinessEvents;
import dev.festival.common.money.Money;
import dev.festival.common.paging.Page;
import dev.festival.common.paging.PageRequest;
import dev.festival.common.security.CurrentUser;
import dev.festival.common.security.FestivalAccess;
import dev.festival.promocodes.PromoCodeStore.Values;
import dev.festival.promocodes.dto.ApplyRequest;
import dev.festival.promocodes.dto.PromoCodeRequest;
import dev.festival.promocodes.dto.PromoCodeStats;
import dev.festival.promocodes.dto.PromoCodeView;
import dev.festival.promocodes.dto.ValidateRequest;
import dev.festival.promocodes.dto.ValidationResult;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Promo codes: organisers manage them per festival; buyers validate and apply them (dry runs);
 * the ticket purchase counts a use with {@link #redeem} — atomically, in one statement, so that
 * max uses and per-user uses hold under any concurrency — and gives it back with {@link #release}.
 */
@ApplicationScoped
public class PromoCodeService {
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,50}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    PromoCodeStore store;

    @Inject
    Pool pool;

    @Inject
    FestivalAccess access;

    @Inject
    CurrentUser currentUser;

    @Inject
    BusinessEvents events;

    // ---------------------------------------------------------------- Java API for the ticket purchase

    /**
     * Counts one use of the festival's code for this purchase, checking every rule in the same
     * statement (active, validity window, max uses, per-user uses, minimum amount, category).
     *
     * @param tx         the purchase's transaction, or null to run as its own statement; on a
     *                   failure nothing was counted and the transaction is still usable
     * @param userId     the buyer; null (guest) cannot use a code that has a per-user limit
     * @param categoryId the ticket category bought; a code limited to categories needs it
     * @param orderId    the order this use belongs to (nullable), for {@link #release(SqlConnection, UUID)}
     * @return the redemption; fails with 400 ERR_4001 {@code details.reason} = unknown, inactive,
     *         not_yet_valid, expired, exhausted, per_user_limit, min_amount or not_applicable
     */
    public Uni<Redemption> redeem(SqlConnection tx, UUID festivalId, String code, UUID userId, long amountCents,
                                  UUID categoryId, UUID orderId) {
        if (amountCents < 0) {
            return Uni.createFrom().failure(new IllegalArgumentException("amountCents must not be negative"));
        }
        if (code == null || !CODE.matcher(code.trim()).matches()) {
            return Uni.createFrom().failure(Rejection.UNKNOWN.toException());
        }
        SqlClient client = tx != null ? tx : pool;
        return store.redeem(client, UUID.randomUUID(), festivalId, code.trim(), userId, amountCents, categoryId, orderId)
                .map(o -> {
                    if (o.rejection() != null) {
                        events.record("promo.rejected", "festivalId", festivalId, "promoCodeId", o.promoCodeId(),
                                "reason", o.rejection().reason, "userId", userId);
                        throw o.rejection().toException();
                    }
                    events.record("promo.redeemed", "festivalId", festivalId, "promoCodeId", o.promoCodeId(),
                            "redemptionId", o.redemptionId(), "userId", userId, "orderId", orderId,
                            "discountCents", o.discountCents());
                    return new Redemption(o.redemptionId(), o.promoCodeId(), o.code(), o.discountCents(),
                            amountCents - o.discountCents());
                });
    }

    /** Gives back the uses counted for this order (cancelled or expired); answers how many. Idempotent. */
    public Uni<Integer> release(SqlConnection tx, UUID orderId) {
        return store.release(tx != null ? tx : pool, true, orderId).invoke(n -> {
            if (n > 0) {
                events.record("promo.released", "orderId", orderId, "count", n);
            }
        });
    }

    /** Gives back one redemption's use; false when it was already released or does not exist. Idempotent. */
    public Uni<Boolean> releaseRedemption(SqlConnection tx, UUID redemptionId) {
        return store.release(tx != null ? tx : pool, false, redemptionId).map(n -> {
            if (n > 0) {
                events.record("promo.released", "redemptionId", redemptionId, "count", n);
            }
            return n > 0;
        });
    }

    // ---------------------------------------------------------------- validate / apply (dry runs)

    public Uni<ValidationResult> validate(ValidateRequest body) {
        if (body == null) {
            throw ApiException.invalidField("code", "is required");
        }
        String code = requireCode(body.code());
        UUID festivalId = requireUuid(body.festivalId(), "festivalId");
        Long amount = body.amount() == null ? null : nonNegativeCents(body.amount(), "amount");
        UUID categoryId = optionalUuid(body.categoryId(), "categoryId");
        if (!CODE.matcher(code).matches()) {
            return Uni.createFrom().item(result(null, amount, Rejection.UNKNOWN));
        }
        return store.findByCode(festivalId, code).map(pc -> pc == null ? result(null, amount, Rejection.UNKNOWN)
                : result(pc, amount, pc.check(now(), amount, categoryId, null)));
    }

    public Uni<ValidationResult> apply(ApplyRequest body) {
        if (body == null) {
            throw ApiException.invalidField("code", "is required");
        }
        String code = requireCode(body.code());
        UUID festivalId = requireUuid(body.festivalId(), "festivalId");
        if (body.amount() == null) {
            throw ApiException.invalidField("amount", "is required");
        }
        long amount = nonNegativeCents(body.amount(), "amount");
        UUID categoryId = optionalUuid(body.categoryId(), "categoryId");
        List<UUID> applied = new ArrayList<>();
        if (body.appliedPromoCodeIds() != null) {
            for (String s : body.appliedPromoCodeIds()) {
                applied.add(requireUuid(s, "appliedPromoCodeIds"));
            }
        }
        UUID userId = currentUser.id();
        if (!CODE.matcher(code).matches()) {
            return Uni.createFrom().item(result(null, amount, Rejection.UNKNOWN));
        }
        return store.findByCode(festivalId, code).chain(pc -> {
            if (pc == null) {
                return Uni.createFrom().item(result(null, amount, Rejection.UNKNOWN));
            }
            Uni<Integer> uses = pc.maxUsesPerUser() == null ? Uni.createFrom().item(0) : store.userUses(pc.id(), userId);
            List<UUID> others = applied.stream().filter(id -> !id.equals(pc.id())).distinct().toList();
            Uni<Boolean> stackOk = others.isEmpty() ? Uni.createFrom().item(true)
                    : !pc.stackable() ? Uni.createFrom().item(false)
                    : store.findByIds(festivalId, others).map(list -> list.stream().allMatch(PromoCode::stackable));
            return Uni.combine().all().unis(uses, stackOk).asTuple().map(t -> {
                Rejection r = pc.check(now(), amount, categoryId, t.getItem1());
                if (r == null && !t.getItem2()) {
                    r = Rejection.NOT_STACKABLE;
                }
                return result(pc, amount, r);
            });
        });
    }

    static ValidationResult result(PromoCode pc, Long amountCents, Rejection rejection) {
        BigDecimal amount = amountCents == null ? null : Money.fromCents(amountCents);
        if (rejection != null) {
            return new ValidationResult(false, null, null, null, amountCents == null ? null : BigDecimal.ZERO,
                    amount, amount, rejection.message, rejection.reason);
        }
        BigDecimal value = PromoCodeView.discountValue(pc);
        ValidationResult.Summary summary = new ValidationResult.Summary(pc.id(), pc.code(), pc.discountType(), value,
                pc.stackable());
        if (amountCents == null) {
            return new ValidationResult(true, summary, pc.discountType(), value, null, null, null, null, null);
        }
        long discount = pc.discountCents(amountCents);
        BigDecimal fin = Money.fromCents(amountCents - discount);
        return new ValidationResult(true, summary, pc.discountType(), value, Money.fromCents(discount), fin, fin,
                null, null);
    }

    // ---------------------------------------------------------------- organiser CRUD

    /** @param pathFestivalId the festival of the nested route, or null on {@code POST /api/promo-codes} */
    public Uni<PromoCodeView> create(UUID pathFestivalId, PromoCodeRequest body) {
        if (body == null) {
            throw ApiException.invalidField("code", "is required");
        }
        UUID bodyFestival = optionalUuid(body.festivalId(), "festivalId");
        if (pathFestivalId != null && bodyFestival != null && !pathFestivalId.equals(bodyFestival)) {
            throw ApiException.invalidField("festivalId", "must equal the festival in the path");
        }
        UUID festivalId = pathFestivalId != null ? pathFestivalId : bodyFestival;
        if (festivalId == null) {
            throw ApiException.invalidField("festivalId", "is required");
        }
        Values v = values(body, null);
        return access.require(festivalId, FestivalAccess.Level.ORG)
                .chain(g -> store.insert(UUID.randomUUID(), festivalId, g.userId(), v))
                .map(pc -> {
                    if (pc == null) {
                        throw duplicate(v.code());
                    }
                    events.record("promo.created", "festivalId", festivalId, "promoCodeId", pc.id(), "userId",
                            pc.createdBy());
                    return PromoCodeView.of(pc);
                });
    }

    /** @param festivalId null lists every festival's codes, for an ADMIN only */
    public Uni<Page<PromoCodeView>> list(UUID festivalId, Boolean active, String search, PageRequest page) {
        Uni<?> allowed;
        if (festivalId == null) {
            if (!currentUser.isAdmin()) {
                throw PageRequest.badParameter("festivalId", "is required");
            }
            allowed = Uni.createFrom().voidItem();
        } else {
            allowed = access.require(festivalId, FestivalAccess.Level.ORG);
        }
        String s = search == null || search.isBlank() ? null : search.trim();
        return allowed.chain(() -> store.list(festivalId, active, s, page))
                .map(slice -> Page.of(slice.rows().stream().map(PromoCodeView::of).toList(), slice.total(), page));
    }

    public Uni<PromoCodeView> get(UUID id) {
        return requireOrgOf(id).map(PromoCodeView::of);
    }

    /** @param festivalId null looks in every festival, for an ADMIN only */
    public Uni<PromoCodeView> getByCode(String code, UUID festivalId) {
        if (code == null || !CODE.matcher(code.trim()).matches()) {
            throw ApiException.notFound("Promo code");
        }
        Uni<PromoCode> found;
        if (festivalId == null) {
            if (!currentUser.isAdmin()) {
                throw PageRequest.badParameter("festivalId", "is required");
            }
            found = store.findNewestByCode(code.trim());
        } else {
            found = store.findByCode(festivalId, code.trim());
        }
        return found.chain(pc -> {
            if (pc == null) {
                throw ApiException.notFound("Promo code");
            }
            return access.require(pc.festivalId(), FestivalAccess.Level.ORG).map(g -> PromoCodeView.of(pc));
        });
    }

    public Uni<PromoCodeView> update(UUID id, PromoCodeRequest body) {
        if (body == null) {
            throw ApiException.invalidField("body", "is required");
        }
        // shape errors answer 400 before the access decision; rules needing the stored code follow it
        values(body, null, false);
        return requireOrgOf(id).chain(current -> {
            if (body.festivalId() != null && !body.festivalId().isBlank()
                    && !current.festivalId().equals(optionalUuid(body.festivalId(), "festivalId"))) {
                throw ApiException.invalidField("festivalId", "a promo code cannot move to another festival");
            }
            Values v = values(body, current);
            if (v.maxUses() != null && v.maxUses() < current.usedCount()) {
                throw ApiException.invalidField("maxUses", "must not be below the uses already counted ("
                        + current.usedCount() + ")");
            }
            return store.update(id, v)
                    .onFailure(PromoCodeService::isUniqueViolation).transform(e -> duplicate(v.code()))
                    .onFailure(PromoCodeService::isCheckViolation).transform(e -> ApiException.invalidField("maxUses",
                            "must not be below the uses already counted"));
        }).map(pc -> {
            if (pc == null) {
                throw ApiException.notFound("Promo code");
            }
            events.record("promo.updated", "festivalId", pc.festivalId(), "promoCodeId", pc.id());
            return PromoCodeView.of(pc);
        });
    }

    public Uni<Void> delete(UUID id) {
        return requireOrgOf(id).chain(pc -> store.softDelete(id).map(deleted -> {
            if (!deleted) {
                throw ApiException.notFound("Promo code");
            }
            events.record("promo.deleted", "festivalId", pc.festivalId(), "promoCodeId", id);
            return null;
        }));
    }

    public Uni<PromoCodeStats> stats(UUID id) {
        return requireOrgOf(id).chain(pc -> store.stats(id).map(s -> new PromoCodeStats(pc.id(), pc.code(),
                pc.usedCount(), pc.maxUses(), pc.maxUses() == null ? null : Math.max(0, pc.maxUses() - pc.usedCount()),
                Money.fromCents(s.totalDiscountCents()), s.redemptionCount(), s.uniqueUsers(), s.releasedCount(),
                s.recent())));
    }

    private Uni<PromoCode> requireOrgOf(UUID id) {
        return store.findById(id).chain(pc -> {
            if (pc == null) {
                throw ApiException.notFound("Promo code");
            }
            return access.require(pc.festivalId(), FestivalAccess.Level.ORG).map(g -> pc);
        });
    }

    // ---------------------------------------------------------------- input rules

    private static Values values(PromoCodeRequest b, PromoCode current) {
        return values(b, current, true);
    }

    /**
     * The new state of a code: the body's fields over {@code current} (null on create, where the
     * required fields must be present). {@code complete=false} checks the body's shape only.
     */
    static Values values(PromoCodeRequest b, PromoCode current, boolean complete) {
        boolean creating = current == null && complete;
        String code = current == null ? null : current.code();
        if (b.code() != null) {
            String c = b.code().trim();
            if (!CODE.matcher(c).matches()) {
                throw ApiException.invalidField("code", "must be 1 to 50 letters, digits, '-' or '_'");
            }
            code = c.toUpperCase(Locale.ROOT);
        } else if (creating) {
            throw ApiException.invalidField("code", "is required");
        }
        DiscountType type = current == null ? null : current.discountType();
        if (b.discountType() != null) {
            type = DiscountType.parse(b.discountType());
            if (type == null) {
                throw ApiException.invalidField("discountType", "must be PERCENTAGE or FIXED_AMOUNT");
            }
        } else if (creating) {
            throw ApiException.invalidField("discountType", "is required");
        }
        BigDecimal percent = current == null ? null : current.percentOff();
        Long amountOff = current == null ? null : current.amountOffCents();
        boolean typeChanged = current != null && type != current.discountType();
        if (b.discountValue() != null) {
            if (b.discountValue().signum() <= 0) {
                throw ApiException.invalidField("discountValue", "must be greater than 0");
            }
            if (type == DiscountType.PERCENTAGE && b.discountValue().compareTo(HUNDRED) > 0) {
                throw ApiException.invalidField("discountValue", "a percentage must be at most 100");
            }
            if (b.discountValue().stripTrailingZeros().scale() > 2) {
                throw ApiException.invalidField("discountValue", "must have at most 2 decimals");
            }
            if (type == DiscountType.PERCENTAGE) {
                percent = b.discountValue().setScale(2);
                amountOff = null;
            } else if (type == DiscountType.FIXED_AMOUNT) {
                amountOff = Money.toCents(b.discountValue(), "discountValue");
                percent = null;
            }
        } else if (creating || (typeChanged && complete)) {
            throw ApiException.invalidField("discountValue", "is required");
        }
        Integer maxUses = current == null ? null : current.maxUses();
        if (b.maxUses() != null) {
            if (b.maxUses() < 1) {
                throw ApiException.invalidField("maxUses", "must be at least 1");
            }
            maxUses = b.maxUses();
        }
        Integer perUser = current == null ? null : current.maxUsesPerUser();
        if (b.maxUsesPerUser() != null) {
            if (b.maxUsesPerUser() < 1) {
                throw ApiException.invalidField("maxUsesPerUser", "must be at least 1");
            }
            perUser = b.maxUsesPerUser();
        }
        long minAmount = current == null ? 0 : current.minAmountCents();
        if (b.minAmount() != null) {
            minAmount = nonNegativeCents(b.minAmount(), "minAmount");
        }
        OffsetDateTime from = b.validFrom() != null ? b.validFrom() : current == null ? null : current.validFrom();
        OffsetDateTime until = b.expiresAt() != null ? b.expiresAt() : current == null ? null : current.expiresAt();
        if (from != null && until != null && !from.isBefore(until)) {
            throw ApiException.invalidField("expiresAt", "must be after validFrom");
        }
        List<UUID> categories = current == null ? List.of() : current.categoryIds();
        if (b.categoryIds() != null) {
            List<UUID> ids = new ArrayList<>();
            for (String s : b.categoryIds()) {
                UUID id = PathIds.uuidOrNull(s);
                if (id == null) {
                    throw ApiException.invalidField("categoryIds", "must be UUIDs");
                }
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            categories = ids;
        }
        boolean active = b.isActive() != null ? b.isActive() : current == null || current.active();
        boolean stackable = b.stackable() != null ? b.stackable() : current != null && current.stackable();
        String description = b.description() != null ? b.description() : current == null ? null : current.description();
        if (!complete) {
            return null;
        }
        return new Values(code, description, type, percent, amountOff, maxUses, perUser, minAmount, from, until,
                active, stackable, categories);
    }

    private static long nonNegativeCents(BigDecimal amount, String field) {
        long cents = Money.toCents(amount, field);
        if (cents < 0) {
            throw ApiException.invalidField(field, "must not be negative");
        }
        return cents;
    }

    private static String requireCode(String code) {
        if (code == null || code.isBlank()) {
            throw ApiException.invalidField("code", "is required");
        }
        return code.trim();
    }

    private static UUID requireUuid(String s, String field) {
        if (s == null || s.isBlank()) {
            throw ApiException.invalidField(field, "is required");
        }
        UUID id = PathIds.uuidOrNull(s.trim());
        if (id == null) {
            throw ApiException.invalidField(field, "must be a UUID");
        }
        return id;
    }

    private static UUID optionalUuid(String s, String field) {
        return s == null || s.isBlank() ? null : requireUuid(s, field);
    }

    private static ApiException duplicate(String code) {
        return new ApiException(ErrorCode.CONFLICT, "A promo code " + code + " already exists in this festival",
                java.util.Map.of("field", "code"));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static boolean isCheckViolation(Throwable e) {
        return e instanceof PgException pg && "23514".equals(pg.getSqlState());
    }
}
