package dev.festival.cashless;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * The payments feature as an online (CARD) top-up needs it: create a provider payment intent for
 * {@code amountCents} with purpose CASHLESS_TOPUP. The wallet is credited later, once, by
 * {@link CashlessTopupEffect} when the provider confirms. Wired to the payments core at merge time;
 * until then {@link UnavailableTopupPayments} answers 503 ERR_6002.
 */
public interface TopupPayments {
    Uni<IntentResult> createTopupIntent(UUID userId, UUID festivalId, long amountCents, String currency,
                                        String idempotencyKey);

    /** What the client needs to confirm the payment (Stripe's PaymentIntent client secret). */
    record IntentResult(UUID paymentId, String paymentIntentId, String clientSecret, String status) {
    }
}
