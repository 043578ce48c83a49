package dev.festival.tickets.signing.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A festival's public ticket-signing key, for scanners (API.md "Tickets"). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketKeyView(
        @Schema(description = "Key id, as named in the second part of a ticket QR payload (FT1.<kid>.<claims>.<sig>)")
        String kid,
        @Schema(description = "Always Ed25519") String alg,
        @Schema(description = "Standard base64 of the RAW 32-byte Ed25519 public key (RFC 8032 encoding), "
                + "as libsodium / tweetnacl take it") String publicKey,
        @Schema(description = "Standard base64 of the same key as X.509 SubjectPublicKeyInfo DER (Java, OpenSSL)")
        String publicKeyDer,
        @Schema(description = "true for the key new tickets are signed with") boolean current,
        OffsetDateTime validFrom,
        @Schema(description = "When the key was rotated out; it still verifies the tickets it signed")
        OffsetDateTime retiredAt) {
}
