package dev.festival.cashless.dto;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * Ledger totals of one festival (magnitudes per type; {@code net} = signed sum of its rows = money
 * the festival's wallets gained there) and the platform-wide check that every wallet's balance
 * equals the sum of its ledger rows.
 */
public record ReconciliationView(UUID festivalId, String currency, BigDecimal topups, BigDecimal payments,
                                 BigDecimal refunds, BigDecimal corrections, BigDecimal transfers, BigDecimal net,
                                 long transactionCount, long walletCount, boolean ledgerMatchesBalances,
                                 long mismatchedWallets) {
}
