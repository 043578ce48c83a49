package dev.festival.payments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Stripe access: {@code FESTIVAL_STRIPE_SECRET_KEY}, {@code FESTIVAL_STRIPE_WEBHOOK_SECRET},
 * {@code FESTIVAL_STRIPE_API_BASE} (tests point it at WireMock), timeouts of one HTTP call.
 */
@ConfigMapping(prefix = "festival.stripe")
public interface StripeConfig {
    /** sk_live_… / sk_test_…; without it every Stripe call answers 503 ERR_6002. */
    Optional<String> secretKey();

    /** whsec_… of the webhook endpoint; without it every webhook is rejected (400 ERR_6003). */
    Optional<String> webhookSecret();

    @WithDefault("https://api.stripe.com")
    String apiBase();

    @WithDefault("5s")
    Duration connectTimeout();

    @WithDefault("20s")
    Duration readTimeout();

    /** How old a signed webhook may be (replay protection). */
    @WithDefault("300s")
    Duration webhookTolerance();
}
