package dev.festival.payments;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * Applies every {@link PaymentEffect} whose purpose matches the payment, one after another, on the
 * caller's transaction. Features register effects as CDI beans; payments does not know them.
 */
@ApplicationScoped
public class PaymentEffects {
    @Inject
    @Any
    Instance<PaymentEffect> effects;

    public Uni<Void> succeeded(SqlConnection tx, PaymentRecord payment) {
        return each(payment, e -> e.onSucceeded(tx, payment.confirmed()));
    }

    public Uni<Void> failed(SqlConnection tx, PaymentRecord payment) {
        return each(payment, e -> e.onFailed(tx, payment.confirmed()));
    }

    public Uni<Void> refunded(SqlConnection tx, PaymentRecord payment, long amountCents) {
        return each(payment, e -> e.onRefunded(tx, payment.confirmed(), amountCents));
    }

    private Uni<Void> each(PaymentRecord payment, Function<PaymentEffect, Uni<Void>> apply) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PaymentEffect effect : effects) {
            if (payment.purpose().name().equalsIgnoreCase(effect.purpose())) {
                chain = chain.chain(() -> apply.apply(effect));
            }
        }
        return chain;
    }
}
