package dev.festival.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.payments.dto.IntentResult;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Java API other features (cashless online top-up, ticketing) call. */
@QuarkusTest
@WithTestResource(value = StripeMock.class, scope = TestResourceScope.GLOBAL)
class PaymentServiceApiTest {
    @Inject
    PaymentService payments;

    @Test
    void createIntentAnswersCentsAndIsIdempotentPerKey() {
        Account user = Fixtures.user();
        UUID festival = Fixtures.festival(Fixtures.organizer(), "EUR");
        String key = "topup-" + UUID.randomUUID();
        IntentResult first = payments.createIntent(user.id(), festival, "CASHLESS_TOPUP", 2000, null, "Top-up",
                Map.of("walletId", "w1"), key).await().atMost(Duration.ofSeconds(20));
        assertNotNull(first.paymentIntentId());
        assertTrue(first.clientSecret().startsWith("pi_secret_"));
        assertEquals(2000, first.amountCents());
        assertEquals("EUR", first.currency());
        assertEquals("PENDING", first.status());
        IntentResult again = payments.createIntent(user.id(), festival, "CASHLESS_TOPUP", 2000, null, "Top-up",
                Map.of("walletId", "w1"), key).await().atMost(Duration.ofSeconds(20));
        assertEquals(first, again);
        ApiException reused = assertThrows(ApiException.class, () -> payments.createIntent(user.id(), festival,
                "CASHLESS_TOPUP", 2500, null, "Top-up", Map.of(), key).await().atMost(Duration.ofSeconds(20)));
        assertEquals(ErrorCode.IDEMPOTENCY_KEY_REUSED, reused.code());
        ApiException zero = assertThrows(ApiException.class, () -> payments.createIntent(user.id(), festival,
                "CASHLESS_TOPUP", 0, null, null, Map.of(), null).await().atMost(Duration.ofSeconds(5)));
        assertEquals(ErrorCode.VALIDATION_FAILED, zero.code());
    }
}
