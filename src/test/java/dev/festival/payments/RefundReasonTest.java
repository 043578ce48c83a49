package dev.festival.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RefundReasonTest {
    @Test
    void freeTextMapsOntoTheClosestReason() {
        assertEquals(RefundReason.DUPLICATE, RefundReason.map("Charged twice"));
        assertEquals(RefundReason.FRAUDULENT, RefundReason.map("FRAUDULENT"));
        assertEquals(RefundReason.EVENT_CANCELLED, RefundReason.map("event-cancelled"));
        assertEquals(RefundReason.EVENT_POSTPONED, RefundReason.map("The show was postponed"));
        assertEquals(RefundReason.PARTIAL_ATTENDANCE, RefundReason.map("partial attendance"));
        assertEquals(RefundReason.QUALITY_ISSUE, RefundReason.map("bad sound quality"));
        assertEquals(RefundReason.REQUESTED_BY_CUSTOMER, RefundReason.map(null));
        assertEquals(RefundReason.REQUESTED_BY_CUSTOMER, RefundReason.map("Requested by customer"));
        assertEquals(RefundReason.OTHER, RefundReason.map("changed my mind"));
        assertEquals("requested_by_customer", RefundReason.EVENT_CANCELLED.stripeReason());
        assertEquals("duplicate", RefundReason.DUPLICATE.stripeReason());
    }
}
