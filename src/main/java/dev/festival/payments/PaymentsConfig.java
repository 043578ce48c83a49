package dev.festival.payments;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Payment rules that are not Stripe's: default currency and the payer's own refund policy. */
@ConfigMapping(prefix = "festival.payments")
public interface PaymentsConfig {
    /** Currency of a payment without festival and without an explicit currency. */
    @WithDefault("EUR")
    String defaultCurrency();

    /** A payer may refund their own payment this long after paying (and only before the festival starts). */
    @WithDefault("14D")
    Duration selfRefundWindow();
}
