package dev.festival.tickets.signing;

import dev.festival.tickets.signing.TicketSigner.TicketClaims;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ticket QR payload, version FT1 — what a scanner re-implements to verify a ticket offline:
 * <pre>
 *   FT1.&lt;kid&gt;.&lt;claims&gt;.&lt;signature&gt;
 * </pre>
 * <ul>
 *   <li>{@code kid}: the signing key's id, [A-Za-z0-9_-]{1,64}, as listed by
 *       {@code GET /api/festivals/:id/ticket-keys};</li>
 *   <li>{@code claims}: base64url without padding of exactly 68 bytes, big-endian:
 *       ticketId (16 bytes: UUID most then least significant 64 bits), festivalId (16),
 *       categoryId (16; all zero = none), revision (4, signed int; changes when the QR is re-issued),
 *       validFrom (8, signed epoch seconds; 0 = none), validUntil (8, epoch seconds; 0 = none);</li>
 *   <li>{@code signature}: base64url without padding of the 64-byte Ed25519 signature (RFC 8032)
 *       over the ASCII bytes of {@code "FT1.<kid>.<claims>"} — everything before the last dot.</li>
 * </ul>
 * A scanner checks: the prefix, the kid is a key of the festival it guards, the signature with that
 * key's public key, the festivalId, then validFrom ≤ now ≤ validUntil. About 195 ASCII characters,
 * so the QR stays small (version ~9 at ECC M).
 */
final class TicketPayloads {
    static final String PREFIX = "FT1";
    static final int CLAIMS_BYTES = 68;
    static final int SIGNATURE_BYTES = 64;
    /** Generous bound on the payload length: anything longer is garbage, refused before decoding. */
    static final int MAX_LENGTH = 400;
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** A payload split into its parts; the signature is not checked yet. */
    record Parsed(String kid, TicketClaims claims, byte[] signingInput, byte[] signature) {}

    private TicketPayloads() {
    }

    /** The ASCII bytes that are signed: {@code FT1.<kid>.<claims>}. */
    static byte[] signingInput(String kid, TicketClaims c) {
        ByteBuffer b = ByteBuffer.allocate(CLAIMS_BYTES);
        putUuid(b, c.ticketId());
        putUuid(b, c.festivalId());
        putUuid(b, c.categoryId());
        b.putInt(c.revision());
        b.putLong(c.validFrom() == null ? 0 : c.validFrom().getEpochSecond());
        b.putLong(c.validUntil() == null ? 0 : c.validUntil().getEpochSecond());
        return (PREFIX + "." + kid + "." + B64.encodeToString(b.array())).getBytes(StandardCharsets.US_ASCII);
    }

    static String payload(byte[] signingInput, byte[] signature) {
        return new String(signingInput, StandardCharsets.US_ASCII) + "." + B64.encodeToString(signature);
    }

    /** The parts of a well-formed payload, or null for anything else (never throws). */
    static Parsed parse(String payload) {
        if (payload == null || payload.length() > MAX_LENGTH || !payload.startsWith(PREFIX + ".")) {
            return null;
        }
        String[] parts = payload.split("\\.", -1);
        if (parts.length != 4 || !KID.matcher(parts[1]).matches()) {
            return null;
        }
        byte[] claims;
        byte[] signature;
        try {
            claims = B64D.decode(parts[2]);
            signature = B64D.decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (claims.length != CLAIMS_BYTES || signature.length != SIGNATURE_BYTES) {
            return null;
        }
        // One payload per ticket revision: a variant with other padding bits in its last base64
        // character decodes to the same bytes; refuse it so payloads stay canonical.
        if (!B64.encodeToString(claims).equals(parts[2]) || !B64.encodeToString(signature).equals(parts[3])) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(claims);
        UUID ticketId = getUuid(b);
        UUID festivalId = getUuid(b);
        UUID categoryId = getUuid(b);
        int revision = b.getInt();
        Instant validFrom;
        Instant validUntil;
        try {
            validFrom = instant(b.getLong());
            validUntil = instant(b.getLong());
        } catch (java.time.DateTimeException e) {
            return null;
        }
        if (ticketId == null || festivalId == null) {
            return null;
        }
        String input = payload.substring(0, payload.lastIndexOf('.'));
        return new Parsed(parts[1], new TicketClaims(ticketId, festivalId, categoryId, revision, validFrom, validUntil),
                input.getBytes(StandardCharsets.US_ASCII), signature);
    }

    private static void putUuid(ByteBuffer b, UUID id) {
        b.putLong(id == null ? 0 : id.getMostSignificantBits());
        b.putLong(id == null ? 0 : id.getLeastSignificantBits());
    }

    private static UUID getUuid(ByteBuffer b) {
        long msb = b.getLong();
        long lsb = b.getLong();
        return msb == 0 && lsb == 0 ? null : new UUID(msb, lsb);
    }

    private static Instant instant(long epochSecond) {
        return epochSecond == 0 ? null : Instant.ofEpochSecond(epochSecond);
    }
}
