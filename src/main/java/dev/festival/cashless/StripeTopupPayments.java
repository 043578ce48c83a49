package dev.festival.cashless;

import dev.festival.payments.PaymentService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

/** Online top-ups through the payments core: a CASHLESS_TOPUP payment intent, credited by its webhook. */
@ApplicationScoped
public class StripeTopupPayments implements TopupPayments {
    static final String PURPOSE = "CASHLESS_TOPUP";

    @Inject
    PaymentService payments;

    @Override
    public Uni<IntentResult> createTopupIntent(UUID userId, UUID festivalId, long amountCents, String currency,
                                               String idempotencyKey) {
        return payments.createIntent(userId, festivalId, PURPOSE, amountCents, currency, "Cashless top-up",
                        Map.of("kind", "cashless-topup"), idempotencyKey)
                .map(r -> new IntentResult(r.paymentId(), r.paymentIntentId(), r.clientSecret(), r.status()));
    }
}
