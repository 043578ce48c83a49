package dev.festival.payments;

import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.model.checkout.Session;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionExpireParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Native image: stripe-java reads its answers and writes its request parameters with Gson, by reflection
 * on the model and parameter classes. These are the ones {@link StripeGateway} sends and receives (the
 * webhook body is read with Jackson, not as a Stripe model); {@code registerFullHierarchy} brings in
 * their nested classes, field types and superclasses. A new Stripe call adds its classes here.
 */
@RegisterForReflection(registerFullHierarchy = true, targets = {
        PaymentIntent.class, Refund.class, Session.class, StripeError.class,
        PaymentIntentCreateParams.class, PaymentIntentCancelParams.class, RefundCreateParams.class,
        SessionCreateParams.class, SessionExpireParams.class, SessionRetrieveParams.class})
final class StripeReflection {
    private StripeReflection() {
    }
}
