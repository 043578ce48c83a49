package dev.festival.payments;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.StripeException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The one guarded door to Stripe. stripe-java is blocking, so each call runs on a worker thread;
 * one timeout, retry and circuit breaker cover every operation. Only "Stripe may not have seen
 * it / had a hiccup" failures (network, 5xx, 429, timeout) are retried, and every caller passes a
 * Stripe idempotency key per logical operation, so a retried POST never charges or refunds twice.
 * Overrides: {@code quarkus.fault-tolerance."dev.festival.payments.StripeCalls/call".<strategy>.<property>}.
 */
@ApplicationScoped
public class StripeCalls {
    /** A blocking stripe-java call on the configured client. */
    @FunctionalInterface
    public interface StripeCall<T> {
        T apply(StripeClient client) throws StripeException;
    }

    /** Stripe could not answer (network, timeout, 5xx, 429): retried, counted by the circuit breaker. */
    public static final class StripeUnavailableException extends RuntimeException {
        public StripeUnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Stripe answered and refused (card declined, invalid request): never retried. */
    public static final class StripeRejectedException extends RuntimeException {
        private final StripeException stripe;

        public StripeRejectedException(StripeException stripe) {
            super(stripe.getMessage(), stripe, false, false);
            this.stripe = stripe;
        }

        public StripeException stripe() {
            return stripe;
        }
    }

    /** festival.stripe.secret-key is missing. */
    public static final class StripeNotConfiguredException extends RuntimeException {
        public StripeNotConfiguredException() {
            super("festival.stripe.secret-key is not configured", null, false, false);
        }
    }

    @Inject
    StripeConfig config;

    private StripeClient client;

    @PostConstruct
    void init() {
        // Stripe's own retries are off: the retry below is the only one, so attempts stay bounded.
        client = StripeClient.builder()
                .setApiKey(config.secretKey().orElse(null))
                .setApiBase(config.apiBase())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setReadTimeout((int) config.readTimeout().toMillis())
                .setMaxNetworkRetries(0)
                .build();
    }

    @Timeout(value = 25, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 250, jitter = 100,
            retryOn = {StripeUnavailableException.class, TimeoutException.class})
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 15, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 2, failOn = {StripeUnavailableException.class, TimeoutException.class})
    public <T> Uni<T> call(StripeCall<T> call) {
        return Uni.createFrom().item(() -> {
            if (config.secretKey().filter(k -> !k.isBlank()).isEmpty()) {
                // Not retried and not counted by the breaker: a configuration problem, not an outage.
                throw new StripeNotConfiguredException();
            }
            try {
                return call.apply(client);
            } catch (StripeException e) {
                throw classify(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    static RuntimeException classify(StripeException e) {
        Integer status = e.getStatusCode();
        if (e instanceof ApiConnectionException || status == null || status >= 500 || status == 429) {
            return new StripeUnavailableException(e.getMessage(), e);
        }
        return new StripeRejectedException(e);
    }
}
