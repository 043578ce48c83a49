package dev.festival.tickets.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/** 201 answer of a purchase; {@code payment} only for a paid order (pay with the clientSecret). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PurchaseResponse(OrderView order, List<TicketView> tickets, PaymentRef payment) {

    public record PaymentRef(UUID paymentId, String paymentIntentId, String clientSecret) {
    }
}
