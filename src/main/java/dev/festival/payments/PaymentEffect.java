package dev.festival.payments;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.Map;
import java.util.UUID;

/**
 * What a confirmed payment does in the feature that asked for it (credit a wallet, confirm an
 * order). The payments feature calls every effect whose {@link #purpose()} matches, inside the
 * same database transaction as the webhook event record and the payment's status change, on
 * {@code tx}; failing the returned Uni rolls the whole webhook back (Stripe will retry).
 * Implementations are CDI beans; payments finds them without depending on their features.
 */
public interface PaymentEffect {
    /** The payment purpose this effect serves: TICKET, CASHLESS_TOPUP, CAMPING, OTHER. */
    String purpose();

    /** The payment succeeded (first time only: duplicates and replays never reach here). */
    Uni<Void> onSucceeded(SqlConnection tx, ConfirmedPayment payment);

    /** The payment failed or was cancelled before success; default: nothing to undo. */
    default Uni<Void> onFailed(SqlConnection tx, ConfirmedPayment payment) {
        return Uni.createFrom().voidItem();
    }

    /** A refund of {@code amountCents} succeeded; default: nothing to undo. */
    default Uni<Void> onRefunded(SqlConnection tx, ConfirmedPayment payment, long amountCents) {
        return Uni.createFrom().voidItem();
    }

    /** The payment as the effect sees it: amounts in integer minor units. */
    record ConfirmedPayment(UUID paymentId, UUID userId, UUID festivalId, String purpose, long amountCents,
                            String currency, String providerPaymentId, Map<String, String> metadata) {
    }
}
