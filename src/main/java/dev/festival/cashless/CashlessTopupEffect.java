package dev.festival.cashless;

import dev.festival.payments.PaymentEffect;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * A confirmed online top-up credits the payer's wallet, on the webhook's own transaction so that the
 * event record, the payment status and the credit commit or roll back together. The TOPUP row is keyed
 * by the payment id (UNIQUE (account_id, idempotency_key)), so a replayed confirmation credits nothing.
 */
@ApplicationScoped
public class CashlessTopupEffect implements PaymentEffect {
    private static final Logger LOG = Logger.getLogger(CashlessTopupEffect.class);
    public static final String PURPOSE = "CASHLESS_TOPUP";

    @Inject
    WalletLedger ledger;

    @Inject
    CashlessConfig config;

    @Override
    public String purpose() {
        return PURPOSE;
    }

    @Override
    public Uni<Void> onSucceeded(SqlConnection tx, ConfirmedPayment payment) {
        String walletCurrency = config.currency().toUpperCase(Locale.ROOT);
        if (payment.currency() == null || !walletCurrency.equalsIgnoreCase(payment.currency().trim())) {
            // top-up intents are created in the wallet currency; anything else is a bug to look at, not to credit
            return Uni.createFrom().failure(new IllegalStateException("top-up payment " + payment.paymentId()
                    + " is in " + payment.currency() + ", wallets are in " + walletCurrency));
        }
        if (payment.amountCents() <= 0) {
            return Uni.createFrom().failure(new IllegalStateException("top-up payment " + payment.paymentId()
                    + " has no positive amount"));
        }
        return ledger.creditConfirmedTopup(tx, payment.userId(), walletCurrency, payment.amountCents(),
                        payment.festivalId(), payment.paymentId(), payment.providerPaymentId())
                .invoke(row -> {
                    if (row == null) {
                        LOG.infof("wallet.topup_already_credited paymentId=%s", payment.paymentId());
                    } else {
                        LOG.infof("wallet.topped_up transactionId=%s accountId=%s paymentId=%s amountCents=%d"
                                        + " balanceAfterCents=%d method=CARD", row.id(), row.accountId(),
                                payment.paymentId(), row.amountCents(), row.balanceAfterCents());
                    }
                })
                .replaceWithVoid();
    }
}
