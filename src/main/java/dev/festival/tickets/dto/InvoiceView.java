package dev.festival.tickets.dto;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A receipt of one order, as JSON. */
public record InvoiceView(UUID orderId, String number, OffsetDateTime issuedAt, Buyer buyer, Seller festival,
                          List<Line> lines, BigDecimal subtotal, BigDecimal discount, BigDecimal total,
                          BigDecimal refunded, String currency, String orderStatus, String paymentStatus,
                          UUID paymentId) {

    public record Buyer(UUID id, String email, String firstName, String lastName) {
    }

    public record Seller(UUID id, String name, String location, OffsetDateTime startDate, OffsetDateTime endDate) {
    }

    public record Line(String description, int quantity, BigDecimal unitPrice, BigDecimal total) {
    }
}
