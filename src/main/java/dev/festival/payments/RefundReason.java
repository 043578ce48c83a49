package dev.festival.payments;

import java.util.Locale;

/** API.md maps free-text refund reasons onto these; Stripe itself only knows the first three. */
public enum RefundReason {
    DUPLICATE, FRAUDULENT, REQUESTED_BY_CUSTOMER, EVENT_CANCELLED, EVENT_POSTPONED, PARTIAL_ATTENDANCE,
    QUALITY_ISSUE, OTHER;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason Stripe is told (its enum is narrower than ours). */
    public String stripeReason() {
        return switch (this) {
            case DUPLICATE -> "duplicate";
            case FRAUDULENT -> "fraudulent";
            default -> "requested_by_customer";
        };
    }

    /** Free text → the closest reason: exact names in any case first, then keywords, else OTHER. */
    public static RefundReason map(String text) {
        if (text == null || text.isBlank()) {
            return REQUESTED_BY_CUSTOMER;
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        for (RefundReason r : values()) {
            if (r.wire().equals(t)) {
                return r;
            }
        }
        if (t.contains("duplicat") || t.contains("twice") || t.contains("double")) {
            return DUPLICATE;
        }
        if (t.contains("fraud")) {
            return FRAUDULENT;
        }
        if (t.contains("postpon") || t.contains("resched")) {
            return EVENT_POSTPONED;
        }
        if (t.contains("cancel")) {
            return EVENT_CANCELLED;
        }
        if (t.contains("partial") || t.contains("attend")) {
            return PARTIAL_ATTENDANCE;
        }
        if (t.contains("quality")) {
            return QUALITY_ISSUE;
        }
        if (t.contains("request") || t.contains("customer")) {
            return REQUESTED_BY_CUSTOMER;
        }
        return OTHER;
    }
}
