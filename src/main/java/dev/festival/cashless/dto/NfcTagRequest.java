package dev.festival.cashless.dto;

/** A wristband's NFC tag uid. */
public record NfcTagRequest(String nfcTagId) {
}
