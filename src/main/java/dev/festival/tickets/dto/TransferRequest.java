package dev.festival.tickets.dto;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record TransferRequest(
        @Schema(description = "The recipient's account email (alias: email)", required = true)
        @JsonAlias("email") String recipientEmail) {
}
