package dev.festival.payments.dto;

public record WebhookAck(boolean received) {
}
