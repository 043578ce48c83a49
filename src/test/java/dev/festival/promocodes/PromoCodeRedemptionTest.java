package dev.festival.promocodes;

import static dev.festival.promocodes.PromoSupport.bareUser;
import static dev.festival.promocodes.PromoSupport.create;
import static dev.festival.promocodes.PromoSupport.fixed;
import static dev.festival.promocodes.PromoSupport.num;
import static dev.festival.promocodes.PromoSupport.percent;
import static dev.festival.promocodes.PromoSupport.uniqueCode;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.error.ApiException;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PromoCodeRedemptionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    PromoCodeService service;

    @Inject
    Pool pool;

    /** "ok" or the rejection reason. */
    private Uni<String> attempt(UUID festival, String code, UUID user, long amount) {
        return service.redeem(null, festival, code, user, amount, null, null)
                .onItemOrFailure().transform((r, f) -> {
                    if (f == null) {
                        return "ok";
                    }
                    if (f instanceof ApiException e && e.details() instanceof Map<?, ?> d) {
                        return String.valueOf(d.get("reason"));
                    }
                    return "error: " + f;
                });
    }

    private Row codeRow(String id) {
        return pool.preparedQuery("""
                        SELECT p.used_count, (SELECT count(*) FROM promo_code_redemptions r WHERE r.promo_code_id = p.id
                                                AND r.released_at IS NULL) AS redemptions
                          FROM promo_codes p WHERE p.id = $1""")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(WAIT).iterator().next();
    }

    /** The redemption made without an order: give it an order id so that release(order) finds it. */
    private UUID codeOrder(String promoId) {
        UUID order = UUID.randomUUID();
        pool.preparedQuery("UPDATE promo_code_redemptions SET order_id = $2 WHERE promo_code_id = $1"
                        + " AND released_at IS NULL AND order_id IS NULL")
                .execute(Tuple.of(UUID.fromString(promoId), order)).await().atMost(WAIT);
        return order;
    }

    private UUID lastRedemption(String promoId) {
        return pool.preparedQuery("SELECT id FROM promo_code_redemptions WHERE promo_code_id = $1"
                        + " ORDER BY created_at DESC LIMIT 1")
                .execute(Tuple.of(UUID.fromString(promoId))).await().atMost(WAIT).iterator().next().getUUID("id");
    }

    @Test
    void fiftyConcurrentRedemptionsOfATenUseCodeCountExactlyTen() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String code = uniqueCode("TEN");
        Map<String, Object> body = percent(festival, code, 10);
        body.put("maxUses", 10);
        String id = create(org, body);
        List<Uni<String>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            attempts.add(attempt(festival, code, bareUser(), 10_000));
        }
        List<String> results = Uni.join().all(attempts).andFailFast().await().atMost(WAIT);
        assertEquals(10, results.stream().filter("ok"::equals).count(), results.toString());
        assertEquals(40, results.stream().filter("exhausted"::equals).count(), results.toString());
        Row row = codeRow(id);
        assertEquals(10, row.getInteger("used_count"));
        assertEquals(10L, row.getLong("redemptions"));
        Response stats = org.request().get("/api/promo-codes/" + id + "/stats");
        stats.then().statusCode(200).body("usedCount", equalTo(10)).body("remainingUses", equalTo(0))
                .body("redemptionCount", equalTo(10)).body("uniqueUsers", equalTo(10))
                .body("redemptions.size()", equalTo(10));
        assertEquals(0, new BigDecimal("100").compareTo(num(stats, "totalDiscount")), "10 × 10.00");
    }

    @Test
    void fiftyConcurrentRedemptionsFromPlainThreadsAlsoStopAtTen() throws Exception {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String code = uniqueCode("THR");
        Map<String, Object> body = fixed(festival, code, 5);
        body.put("maxUses", 10);
        String id = create(org, body);
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(bareUser());
        }
        ExecutorService threads = Executors.newFixedThreadPool(50);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (UUID u : users) {
                calls.add(() -> attempt(festival, code, u, 2_000).await().atMost(WAIT));
            }
            long ok = 0;
            for (Future<String> f : threads.invokeAll(calls)) {
                ok += "ok".equals(f.get()) ? 1 : 0;
            }
            assertEquals(10, ok);
        } finally {
            threads.shutdownNow();
        }
        assertEquals(10, codeRow(id).getInteger("used_count"));
        assertEquals(10L, codeRow(id).getLong("redemptions"));
    }

    @Test
    void oneUserRacingTwentyTimesOnAOncePerUserCodeGetsItOnce() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String code = uniqueCode("ONCE");
        Map<String, Object> body = percent(festival, code, 50);
        body.put("maxUsesPerUser", 1);
        body.put("maxUses", 100);
        String id = create(org, body);
        UUID user = bareUser();
        List<Uni<String>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            attempts.add(attempt(festival, code, user, 3_000));
        }
        List<String> results = Uni.join().all(attempts).andFailFast().await().atMost(WAIT);
        assertEquals(1, results.stream().filter("ok"::equals).count(), results.toString());
        assertEquals(19, results.stream().filter("per_user_limit"::equals).count(), results.toString());
        assertEquals(1, codeRow(id).getInteger("used_count"));
        assertEquals(1L, codeRow(id).getLong("redemptions"));
        // another user still can; a guest cannot use a per-user code
        assertEquals("ok", attempt(festival, code, bareUser(), 3_000).await().atMost(WAIT));
        assertEquals("per_user_limit", attempt(festival, code, null, 3_000).await().atMost(WAIT));
        assertEquals(2, codeRow(id).getInteger("used_count"));
    }

    @Test
    void sqlDiscountMatchesTheJavaRuleAndRulesAreEnforced() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String code = uniqueCode("PCT");
        create(org, percent(festival, code, 12.5));
        UUID user = bareUser();
        for (long amount : new long[] {0, 1, 3, 4, 999, 1_001, 4_999, 12_345, 99_999_999}) {
            Redemption r = service.redeem(null, festival, code.toLowerCase(), user, amount, null, null)
                    .await().atMost(WAIT);
            long expected = Discounts.discountCents(DiscountType.PERCENTAGE, new BigDecimal("12.5"), null, amount);
            assertEquals(expected, r.discountCents(), "amount " + amount);
            assertEquals(amount - expected, r.finalCents());
            assertEquals(code, r.code());
        }
        String fixedCode = uniqueCode("FIX");
        Map<String, Object> f = fixed(festival, fixedCode, 10);
        UUID category = UUID.randomUUID();
        f.put("minAmount", 5);
        f.put("categoryIds", List.of(category.toString()));
        create(org, f);
        assertEquals("min_amount", attempt(festival, fixedCode, user, 499).await().atMost(WAIT));
        assertEquals("not_applicable", attempt(festival, fixedCode, user, 800).await().atMost(WAIT));
        Redemption capped = service.redeem(null, festival, fixedCode, user, 800, category, null).await().atMost(WAIT);
        assertEquals(800, capped.discountCents());
        assertEquals(0, capped.finalCents());
        assertEquals("unknown", attempt(festival, "NOSUCH" + System.nanoTime(), user, 800).await().atMost(WAIT));
        assertEquals("unknown", attempt(UUID.randomUUID(), code, user, 800).await().atMost(WAIT));
    }

    @Test
    void releasingAnOrderGivesItsUseBackOnceAndARejectionLeavesTheTransactionUsable() {
        Account org = Fixtures.organizer();
        UUID festival = Fixtures.festival(org);
        String code = uniqueCode("REL");
        Map<String, Object> body = percent(festival, code, 10);
        body.put("maxUses", 1);
        body.put("maxUsesPerUser", 1);
        String id = create(org, body);
        UUID user = bareUser();
        UUID order = UUID.randomUUID();
        // inside a caller's transaction
        Redemption r = pool.withTransaction(tx -> service.redeem(tx, festival, code, user, 5_000, null, order))
                .await().atMost(WAIT);
        assertNotNull(r.redemptionId());
        assertEquals("exhausted", attempt(festival, code, bareUser(), 5_000).await().atMost(WAIT));
        // a rejected redemption inside a transaction fails without breaking it
        Integer after = pool.withTransaction(tx -> service.redeem(tx, festival, code, user, 5_000, null, null)
                        .onFailure(ApiException.class).recoverWithNull()
                        .chain(() -> tx.query("SELECT 1 AS one").execute())
                        .map(rows -> rows.iterator().next().getInteger("one")))
                .await().atMost(WAIT);
        assertEquals(1, after);

        assertEquals(1, service.release(null, order).await().atMost(WAIT));
        assertEquals(0, service.release(null, order).await().atMost(WAIT), "released once only");
        assertEquals(0, codeRow(id).getInteger("used_count"));
        // the same user may use it again: both the code's and the user's counters came back
        assertEquals("ok", attempt(festival, code, user, 5_000).await().atMost(WAIT));
        assertEquals(1, codeRow(id).getInteger("used_count"));
        // a purchase transaction that rolls back takes its redemption with it
        service.release(null, UUID.randomUUID()).await().atMost(WAIT);
        assertEquals(1, service.release(null, codeOrder(id)).await().atMost(WAIT));
        UUID other = bareUser();
        try {
            pool.withTransaction(tx -> service.redeem(tx, festival, code, other, 5_000, null, null)
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("payment failed"))))
                    .await().atMost(WAIT);
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertEquals(0, codeRow(id).getInteger("used_count"));
        assertEquals("ok", attempt(festival, code, other, 5_000).await().atMost(WAIT));
        assertFalse(service.releaseRedemption(null, UUID.randomUUID()).await().atMost(WAIT));
        assertTrue(service.releaseRedemption(null, lastRedemption(id)).await().atMost(WAIT));
        assertFalse(service.releaseRedemption(null, lastRedemption(id)).await().atMost(WAIT));
        assertEquals(0, codeRow(id).getInteger("used_count"));
    }
}
