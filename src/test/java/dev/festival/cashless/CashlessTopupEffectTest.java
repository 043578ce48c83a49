package dev.festival.cashless;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.festival.payments.PaymentEffect;
import dev.festival.payments.PaymentEffect.ConfirmedPayment;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The payments core confirms an online top-up by calling the CASHLESS_TOPUP effect in its own transaction. */
@QuarkusTest
class CashlessTopupEffectTest {
    @Inject
    @Any
    Instance<PaymentEffect> effects;

    @Inject
    Pool pool;

    private PaymentEffect topupEffect() {
        return effects.stream().filter(e -> "CASHLESS_TOPUP".equals(e.purpose())).findFirst().orElseThrow();
    }

    private void confirm(ConfirmedPayment p) {
        pool.withTransaction(conn -> topupEffect().onSucceeded(conn, p)).await().atMost(Duration.ofSeconds(10));
    }

    private long topups(UUID userId) {
        return pool.preparedQuery("""
                        SELECT count(*) AS n FROM cashless_transactions t JOIN cashless_accounts a ON a.id = t.account_id
                         WHERE a.user_id = $1 AND t.type = 'TOPUP'""")
                .execute(Tuple.of(userId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    @Test
    void aConfirmedPaymentCreditsTheWalletOnceEvenWhenDeliveredTwice() {
        Account payer = Fixtures.user();
        Account organizer = Fixtures.organizer();
        UUID festivalId = Fixtures.festival(organizer);
        UUID paymentId = UUID.randomUUID();
        ConfirmedPayment p = new ConfirmedPayment(paymentId, payer.id(), festivalId, "CASHLESS_TOPUP", 2550, "eur",
                "pi_test_123", Map.of());
        // no wallet yet: the confirmation creates it
        confirm(p);
        confirm(p);
        assertEquals(1, topups(payer.id()));
        payer.request().get("/api/cashless/balance").then().body("balance", equalTo(25.5f));
        payer.request().get("/api/cashless/transactions").then()
                .body("data[0].paymentId", equalTo(paymentId.toString()))
                .body("data[0].metadata.method", equalTo("CARD"))
                .body("data[0].festivalId", equalTo(festivalId.toString()));

        // a second, different payment credits again
        confirm(new ConfirmedPayment(UUID.randomUUID(), payer.id(), null, "CASHLESS_TOPUP", 1000, "EUR", "pi_2",
                Map.of()));
        payer.request().get("/api/cashless/balance").then().body("balance", equalTo(35.5f));
    }

    @Test
    void aCreditRolledBackWithItsWebhookTransactionLeavesNoTrace() {
        Account payer = Fixtures.user();
        ConfirmedPayment p = new ConfirmedPayment(UUID.randomUUID(), payer.id(), null, "CASHLESS_TOPUP", 700, "EUR",
                "pi_x", Map.of());
        assertThrows(RuntimeException.class, () -> pool.withTransaction(conn -> topupEffect().onSucceeded(conn, p)
                        .chain(() -> conn.query("SELECT 1/0").execute()))
                .await().atMost(Duration.ofSeconds(10)));
        assertEquals(0, topups(payer.id()));
        confirm(p);
        assertEquals(1, topups(payer.id()));
    }

    @Test
    void aPaymentInAnotherCurrencyIsRefused() {
        Account payer = Fixtures.user();
        ConfirmedPayment p = new ConfirmedPayment(UUID.randomUUID(), payer.id(), null, "CASHLESS_TOPUP", 700, "USD",
                "pi_y", Map.of());
        assertThrows(IllegalStateException.class, () -> confirm(p));
        assertEquals(0, topups(payer.id()));
    }
}
