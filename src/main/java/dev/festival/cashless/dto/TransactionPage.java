package dev.festival.cashless.dto;

import dev.festival.common.paging.Page;
import java.util.List;

/** The list envelope plus {@code transactions} (= {@code data}) that the mobile app reads. */
public record TransactionPage(List<TransactionView> data, Page.Meta meta, List<TransactionView> transactions) {
    public static TransactionPage of(Page<TransactionView> page) {
        return new TransactionPage(page.data(), page.meta(), page.data());
    }
}
