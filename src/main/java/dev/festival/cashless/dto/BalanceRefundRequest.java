package dev.festival.cashless.dto;

import java.util.UUID;

/** {@code POST /refund-request}: the remaining balance back after the festival, paid out by an operator. */
public record BalanceRefundRequest(UUID festivalId, String iban, String reason) {
    @Override
    public String toString() {
        return "BalanceRefundRequest[festivalId=" + festivalId + "]";
    }
}
