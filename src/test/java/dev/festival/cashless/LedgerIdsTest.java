package dev.festival.cashless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LedgerIdsTest {
    @Test
    void idsAreVersion7AndGrowWithTime() throws Exception {
        UUID a = LedgerIds.next();
        Thread.sleep(2);
        UUID b = LedgerIds.next();
        assertEquals(7, a.version());
        assertEquals(2, a.variant());
        assertTrue(Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits()) < 0);
    }

    @Test
    void requestHashTellsBodiesApart() {
        assertEquals(CashlessService.requestHash("PAY", 100L, "x"), CashlessService.requestHash("PAY", 100L, "x"));
        assertTrue(!CashlessService.requestHash("PAY", 100L, "x").equals(CashlessService.requestHash("PAY", 101L, "x")));
        assertTrue(!CashlessService.requestHash("PAY", "ab", "c").equals(CashlessService.requestHash("PAY", "a", "bc")));
    }
}
