package dev.festival.cashless;

import static dev.festival.cashless.CashlessFixtures.fund;
import static dev.festival.cashless.CashlessFixtures.scene;
import static dev.festival.cashless.CashlessFixtures.wallet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.cashless.CashlessFixtures.Scene;
import dev.festival.support.Fixtures;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many cash desks charging the same wallet at the same instant, on the real PostgreSQL. */
@QuarkusTest
class CashlessConcurrencyTest {
    @TestHTTPResource("/api/cashless/pay")
    URL payUrl;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private record Answer(int status, String body) {}

    private List<Answer> fire(int n, String token, String body, String idempotencyKey) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 64));
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(payUrl.toString()))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body));
                    if (idempotencyKey != null) {
                        req.header("Idempotency-Key", idempotencyKey);
                    }
                    start.await();
                    HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
                    return new Answer(r.statusCode(), r.body());
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Row ledgerOf(UUID accountId) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery("""
                        SELECT a.balance_cents,
                               (SELECT COALESCE(sum(amount_cents), 0) FROM cashless_transactions t
                                 WHERE t.account_id = a.id) AS ledger_cents,
                               (SELECT count(*) FROM cashless_transactions t
                                 WHERE t.account_id = a.id AND t.type = 'PAYMENT') AS payments,
                               (SELECT count(*) FROM cashless_transactions t
                                 WHERE t.account_id = a.id AND t.balance_after_cents < 0) AS negative
                          FROM cashless_accounts a WHERE a.id = $1""")
                .execute(Tuple.of(accountId)).await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    @Test
    void twoHundredConcurrentChargesNeverOverdrawAFiveEuroWallet() throws Exception {
        Scene s = scene();
        UUID acc = wallet(Fixtures.user());
        fund(s, acc, "5");
        String body = "{\"amount\": 0.10, \"festivalId\": \"" + s.festivalId() + "\", \"accountId\": \"" + acc + "\"}";
        List<Answer> answers = fire(200, s.cashier().accessToken(), body, null);

        long ok = answers.stream().filter(a -> a.status() == 201).count();
        long insufficient = answers.stream()
                .filter(a -> a.status() == 400 && a.body().contains("\"ERR_5003\"")).count();
        assertEquals(50, ok, "exactly 50 charges of 0.10 fit in 5.00");
        assertEquals(150, insufficient, "every other charge is refused for insufficient funds");
        Row r = ledgerOf(acc);
        assertEquals(0L, r.getLong("balance_cents"));
        assertEquals(r.getLong("balance_cents"), r.getLong("ledger_cents"), "the ledger sums to the balance");
        assertEquals(50L, r.getLong("payments"));
        assertEquals(0L, r.getLong("negative"));
    }

    @Test
    void concurrentDuplicatesOfOneIdempotencyKeyChargeOnce() throws Exception {
        Scene s = scene();
        UUID acc = wallet(Fixtures.user());
        fund(s, acc, "10");
        String body = "{\"amount\": 1.5, \"festivalId\": \"" + s.festivalId() + "\", \"accountId\": \"" + acc + "\"}";
        List<Answer> answers = fire(20, s.cashier().accessToken(), body, UUID.randomUUID().toString());

        Set<String> bodies = new HashSet<>();
        for (Answer a : answers) {
            assertEquals(201, a.status(), a.body());
            bodies.add(a.body());
        }
        assertEquals(1, bodies.size(), "all twenty answers are the first result");
        Row r = ledgerOf(acc);
        assertEquals(1L, r.getLong("payments"));
        assertEquals(850L, r.getLong("balance_cents"));
        assertEquals(r.getLong("balance_cents"), r.getLong("ledger_cents"));
    }

    @Test
    void chargesGroupedInOneBatchEachGetTheirOwnAnswer() throws Exception {
        Scene s = scene();
        dev.festival.support.Fixtures.Account active = Fixtures.user();
        dev.festival.support.Fixtures.Account inactive = Fixtures.user();
        UUID a = wallet(active);
        UUID b = wallet(inactive);
        fund(s, a, "10");
        fund(s, b, "10");
        inactive.request().post("/api/cashless/deactivate").then().statusCode(200);
        UUID[] targets = {a, b, UUID.randomUUID()};
        ExecutorService pool = Executors.newFixedThreadPool(60);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                UUID target = targets[i % 3];
                String body = "{\"amount\": 0.5, \"festivalId\": \"" + s.festivalId() + "\", \"accountId\": \""
                        + target + "\"}";
                futures.add(pool.submit(() -> {
                    start.await();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(payUrl.toString()))
                            .header("Authorization", "Bearer " + s.cashier().accessToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return new Answer(r.statusCode(), r.body());
                }));
            }
            start.countDown();
            int ok = 0;
            int blocked = 0;
            int missing = 0;
            for (int i = 0; i < futures.size(); i++) {
                Answer answer = futures.get(i).get();
                switch (i % 3) {
                    case 0 -> ok += answer.status() == 201 ? 1 : 0;
                    case 1 -> blocked += answer.status() == 403 && answer.body().contains("ERR_5010") ? 1 : 0;
                    default -> missing += answer.status() == 404 ? 1 : 0;
                }
            }
            assertEquals(20, ok);
            assertEquals(20, blocked);
            assertEquals(20, missing);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0L, ledgerOf(a).getLong("balance_cents"));
        assertEquals(1000L, ledgerOf(b).getLong("balance_cents"));
    }

    @Test
    void concurrentChargesOnManyWalletsEachMoveTheirOwnWalletOnce() throws Exception {
        Scene s = scene();
        int n = 40;
        UUID[] wallets = new UUID[n];
        for (int i = 0; i < n; i++) {
            wallets[i] = wallet(Fixtures.user());
            if (i % 2 == 0) {
                fund(s, wallets[i], "5");
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String body = "{\"amount\": 1.25, \"festivalId\": \"" + s.festivalId() + "\", \"accountId\": \""
                        + wallets[i] + "\"}";
                futures.add(pool.submit(() -> {
                    start.await();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(payUrl.toString()))
                            .header("Authorization", "Bearer " + s.cashier().accessToken())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return new Answer(r.statusCode(), r.body());
                }));
            }
            start.countDown();
            for (int i = 0; i < n; i++) {
                Answer answer = futures.get(i).get();
                if (i % 2 == 0) {
                    assertEquals(201, answer.status(), answer.body());
                    assertTrue(answer.body().contains("\"accountId\":\"" + wallets[i] + "\""), answer.body());
                    assertTrue(answer.body().contains("\"balance\":3.75"), answer.body());
                } else {
                    assertEquals(400, answer.status(), answer.body());
                    assertTrue(answer.body().contains("ERR_5003"), answer.body());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < n; i++) {
            Row r = ledgerOf(wallets[i]);
            assertEquals(i % 2 == 0 ? 375L : 0L, r.getLong("balance_cents"));
            assertEquals(r.getLong("balance_cents"), r.getLong("ledger_cents"));
        }
    }

    @Test
    void concurrentRefundsOfOnePaymentNeverExceedIt() throws Exception {
        Scene s = scene();
        UUID acc = wallet(Fixtures.user());
        fund(s, acc, "10");
        String paymentId = s.cashier().request()
                .body(java.util.Map.of("amount", 4, "festivalId", s.festivalId(), "accountId", acc))
                .post("/api/cashless/pay").then().statusCode(201).extract().path("id");
        String refundUrl = payUrl.toString().replace("/pay", "/refund");
        String body = "{\"transactionId\": \"" + paymentId + "\", \"amount\": 1}";
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create(refundUrl))
                        .header("Authorization", "Bearer " + s.cashier().accessToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()));
            }
            long ok = 0;
            for (Future<Integer> f : futures) {
                int status = f.get();
                assertTrue(status == 201 || status == 409, "status " + status);
                ok += status == 201 ? 1 : 0;
            }
            assertEquals(4, ok, "four refunds of 1.00 fit in a 4.00 payment");
        } finally {
            pool.shutdownNow();
        }
        Row r = ledgerOf(acc);
        assertEquals(1000L, r.getLong("balance_cents"));
        assertEquals(r.getLong("balance_cents"), r.getLong("ledger_cents"));
    }
}
