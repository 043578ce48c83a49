package dev.festival.tickets.signing;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.UUID;

/**
 * Signs ticket QR payloads with the festival's current Ed25519 key and verifies them, so a
 * scanner holding the festival's public keys ({@code GET /api/festivals/:id/ticket-keys}) can
 * check a ticket offline. Keys are per festival and rotate; a payload names its key id.
 */
public interface TicketSigner {

    /** What a ticket's QR asserts. {@code revision} changes when the QR is re-issued (transfer). */
    record TicketClaims(UUID ticketId, UUID festivalId, UUID categoryId, int revision, Instant validFrom,
                        Instant validUntil) {
    }

    /** The QR payload text for these claims, signed with the festival's current key (created on first use). */
    Uni<String> sign(TicketClaims claims);

    /**
     * The claims of a payload whose signature checks against one of its festival's keys, or
     * {@code null} when the payload is malformed, names an unknown key, or fails its signature.
     * Validity dates are returned, not enforced: the caller answers not_yet_valid / expired.
     */
    Uni<TicketClaims> verify(String payload);
}
