package dev.festival.tickets.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Answer of validate and scan. reason: ok already_used invalid_signature revoked wrong_festival
 * not_yet_valid expired unpaid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationResult(boolean valid, String reason, String message, boolean accessGranted,
                               TicketView ticket, Holder user) {

    public record Holder(String firstName, String lastName) {
    }
}
