package dev.festival.payments;

import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.payments.StripeCalls.StripeCall;
import dev.festival.payments.StripeCalls.StripeRejectedException;
import dev.festival.payments.StripeCalls.StripeUnavailableException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Stripe operations the payments feature needs, in its own terms. Failures leave here as
 * {@link ApiException}: unreachable, timed out or circuit open → 503 ERR_6002; Stripe refused
 * (card declined, invalid request) → 502 ERR_6001 with a message safe to show.
 */
@ApplicationScoped
public class StripeGateway {
    private static final Logger LOG = Logger.getLogger(StripeGateway.class);

    @Inject
    StripeCalls calls;

    public Uni<PaymentIntent> createPaymentIntent(long amountCents, String currency, String description,
                                                  Map<String, String> metadata, String idempotencyKey) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(amountCents)
                .setCurrency(currency.toLowerCase(Locale.ROOT))
                .putAllMetadata(metadata)
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true).build());
        if (description != null) {
            params.setDescription(description);
        }
        PaymentIntentCreateParams built = params.build();
        return guarded("payment_intent.create",
                c -> c.v1().paymentIntents().create(built, options(idempotencyKey)));
    }

    public Uni<PaymentIntent> cancelPaymentIntent(String paymentIntentId, String idempotencyKey) {
        return guarded("payment_intent.cancel",
                c -> c.v1().paymentIntents().cancel(paymentIntentId, options(idempotencyKey)));
    }

    public Uni<Session> createCheckoutSession(SessionCreateParams params, String idempotencyKey) {
        return guarded("checkout.session.create",
                c -> c.v1().checkout().sessions().create(params, options(idempotencyKey)));
    }

    public Uni<Session> retrieveCheckoutSession(String sessionId) {
        return guarded("checkout.session.retrieve",
                c -> c.v1().checkout().sessions().retrieve(sessionId, RequestOptions.getDefault()));
    }

    public Uni<Session> expireCheckoutSession(String sessionId, String idempotencyKey) {
        return guarded("checkout.session.expire",
                c -> c.v1().checkout().sessions().expire(sessionId, options(idempotencyKey)));
    }

    /** {@code stripeReason}: duplicate | fraudulent | requested_by_customer (Stripe knows no others). */
    public Uni<Refund> createRefund(String paymentIntentId, long amountCents, String stripeReason,
                                    Map<String, String> metadata, String idempotencyKey) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .setAmount(amountCents)
                .setReason(switch (stripeReason) {
                    case "duplicate" -> RefundCreateParams.Reason.DUPLICATE;
                    case "fraudulent" -> RefundCreateParams.Reason.FRAUDULENT;
                    default -> RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER;
                })
                .putAllMetadata(metadata)
                .build();
        return guarded("refund.create", c -> c.v1().refunds().create(params, options(idempotencyKey)));
    }

    private static RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private <T> Uni<T> guarded(String operation, StripeCall<T> call) {
        return calls.call(call).onFailure().transform(e -> toApi(operation, e));
    }

    static Throwable toApi(String operation, Throwable e) {
        if (e instanceof StripeRejectedException rejected) {
            StripeException s = rejected.stripe();
            StripeError err = s.getStripeError();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("provider", "STRIPE");
            if (s.getCode() != null) {
                details.put("providerCode", s.getCode());
            }
            if (err != null && err.getDeclineCode() != null) {
                details.put("declineCode", err.getDeclineCode());
            }
            // Card messages are written by Stripe for the cardholder; other messages may name our
            // account's internals, so they stay in the log.
            String message = s instanceof CardException && err != null && err.getMessage() != null
                    ? err.getMessage() : "The payment provider rejected the request";
            LOG.warnf("stripe %s rejected: status=%s code=%s requestId=%s", operation, s.getStatusCode(),
                    s.getCode(), s.getRequestId());
            return new ApiException(ErrorCode.PAYMENT_PROVIDER_ERROR, message, details);
        }
        if (e instanceof StripeCalls.StripeNotConfiguredException) {
            LOG.errorf("stripe %s impossible: festival.stripe.secret-key (FESTIVAL_STRIPE_SECRET_KEY) is not set",
                    operation);
            return new ApiException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE, "Payments are not configured",
                    Map.of("provider", "STRIPE"));
        }
        if (e instanceof StripeUnavailableException || e instanceof TimeoutException
                || e instanceof CircuitBreakerOpenException) {
            LOG.warnf("stripe %s unavailable: %s", operation, e.getClass().getSimpleName());
            return new ApiException(ErrorCode.PAYMENT_PROVIDER_UNAVAILABLE,
                    "The payment provider is unavailable, please retry later", Map.of("provider", "STRIPE"));
        }
        return e;
    }
}
