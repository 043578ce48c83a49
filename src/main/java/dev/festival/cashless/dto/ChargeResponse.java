package dev.festival.cashless.dto;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;

/**
 * Answer of pay, cash-desk top-up and refund: the transaction's fields at the top level (older
 * clients read them there), the same transaction under {@code transaction}, and the wallet's
 * balance right after it.
 */
public record ChargeResponse(@JsonUnwrapped TransactionView fields, TransactionView transaction, BigDecimal balance) {
    public static ChargeResponse of(TransactionView t) {
        return new ChargeResponse(t, t, t.balanceAfter());
    }
}
