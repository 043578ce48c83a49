package dev.festival.tickets;

import dev.festival.common.error.ApiException;
import dev.festival.common.events.BusinessEvents;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.Role;
import dev.festival.tickets.dto.TicketView;
import dev.festival.tickets.dto.ValidationResult;
import dev.festival.tickets.signing.TicketSigner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * Gate checks. {@code validate} is a dry run; {@code scan} consumes the entry with one conditional
 * UPDATE (SOLD at the QR's revision → USED), so of two concurrent scans exactly one is admitted.
 * Order of decisions: the QR must verify (else invalid_signature, whoever asks); only then is the
 * caller's right on the ticket's festival checked (STAFF, SECURITY, org, ADMIN; else 403).
 *
 * <p>A check reads everything in one statement ({@link TicketStore#forGate}: ticket, festival,
 * the caller's membership, the holder's name) and FestivalAccess decides from that row. The
 * answer carries the presented QR payload back when it is the ticket's current one (its revision
 * matched), so a check signs nothing; a scan adds only its conditional UPDATE.
 */
@ApplicationScoped
public class TicketValidationService {
    @Inject
    TicketSigner signer;

    @Inject
    TicketStore store;

    @Inject
    TicketService tickets;

    @Inject
    FestivalAccess access;

    @Inject
    BusinessEvents events;

    @Inject
    TicketEvents ticketEvents;

    /** A check by QR payload. */
    public Uni<ValidationResult> byQr(UUID callerId, String qrCode, UUID scannerFestivalId, String zoneId,
                                      String deviceId, boolean consume) {
        // A failing key lookup (database down) propagates: it says nothing about the ticket. A parser
        // that chokes on a garbled payload (bad date, bad base64, ...) does: that QR is simply invalid.
        return Uni.createFrom().deferred(() -> signer.verify(qrCode))
                .onFailure(TicketValidationService::isGarbage).recoverWithNull()
                .flatMap(claims -> {
                    if (claims == null) {
                        return Uni.createFrom().item(invalid());
                    }
                    return store.forGate(claims.ticketId(), callerId).flatMap(g -> {
                        if (g == null || !g.ticket().festivalId().equals(claims.festivalId())) {
                            return Uni.createFrom().item(invalid());
                        }
                        return check(callerId, g, claims, qrCode, scannerFestivalId, zoneId, deviceId, consume);
                    });
                });
    }

    /** A check by ticket id (staff typing a number): the ticket's current revision is assumed. */
    public Uni<ValidationResult> byId(UUID callerId, UUID ticketId, UUID scannerFestivalId, String zoneId,
                                      String deviceId, boolean consume) {
        return store.forGate(ticketId, callerId).flatMap(g -> {
            if (g == null) {
                throw ApiException.notFound("Ticket");
            }
            TicketSigner.TicketClaims claims = g.festival() == null ? null : tickets.claims(g.ticket(), g.festival());
            return check(callerId, g, claims, null, scannerFestivalId, zoneId, deviceId, consume);
        });
    }

    /** {@code presented}: the verified payload the claims come from, or null (check by id). */
    private Uni<ValidationResult> check(UUID callerId, GateRow g, TicketSigner.TicketClaims claims, String presented,
                                        UUID scannerFestivalId, String zoneId, String deviceId, boolean consume) {
        TicketRow t = g.ticket();
        if (g.festival() == null) {
            throw ApiException.notFound("Festival");
        }
        access.requireOrgOrMember(access.grantOf(t.festivalId(), g.organizerId(), g.memberRole()),
                Role.STAFF, Role.SECURITY);
        String reason = reason(t, claims, scannerFestivalId);
        if (!"ok".equals(reason) || !consume) {
            return result(reason, g, t, claims, presented);
        }
        return store.markUsed(t.id(), claims.revision(), zoneId, deviceId, callerId).flatMap(usedAt -> {
            if (usedAt != null) {
                events.record("ticket.scanned", "ticketId", t.id(), "festivalId", t.festivalId(),
                        "zoneId", zoneId, "by", callerId);
                ticketEvents.fire(new TicketEvents.Used(t.id(), t.festivalId(), t.userId(), zoneId));
                // markUsed changed exactly these columns (updated_at = used_at = now())
                return result("ok", g, t.used(usedAt), claims, presented);
            }
            // Lost the race (or the ticket moved on meanwhile): answer from its state now.
            return store.forGate(t.id(), callerId).flatMap(fresh -> {
                if (fresh == null || fresh.festival() == null) {
                    throw ApiException.notFound(fresh == null ? "Ticket" : "Festival");
                }
                return result(reason(fresh.ticket(), claims, scannerFestivalId), fresh, fresh.ticket(), claims,
                        presented);
            });
        });
    }

    private static String reason(TicketRow t, TicketSigner.TicketClaims claims, UUID scannerFestivalId) {
        if (scannerFestivalId != null && !scannerFestivalId.equals(t.festivalId())) {
            return "wrong_festival";
        }
        if (claims.revision() != t.revision()) {
            return "revoked";
        }
        switch (t.status()) {
            case "USED":
                return "already_used";
            case "CANCELLED":
            case "REFUNDED":
                return "revoked";
            case "RESERVED":
            case "AVAILABLE":
                return "unpaid";
            default:
                break;
        }
        Instant now = Instant.now();
        if (claims.validFrom() != null && now.isBefore(claims.validFrom())) {
            return "not_yet_valid";
        }
        if (claims.validUntil() != null && now.isAfter(claims.validUntil())) {
            return "expired";
        }
        return "ok";
    }

    /**
     * The verdict with the ticket's view. A SOLD ticket's QR in the view is the presented payload when
     * that is the ticket's current one (same revision; it verified); otherwise (check by id, or the
     * presented QR is stale) the current one is signed as {@link TicketService#view} would.
     */
    private Uni<ValidationResult> result(String reason, GateRow g, TicketRow t, TicketSigner.TicketClaims claims,
                                         String presented) {
        boolean ok = "ok".equals(reason);
        ValidationResult.Holder holder = g.holderFound()
                ? new ValidationResult.Holder(g.holderFirstName(), g.holderLastName()) : null;
        Uni<TicketView> view = "SOLD".equals(t.status()) && presented != null && claims.revision() == t.revision()
                ? Uni.createFrom().item(TicketService.view(t, g.festival(), presented))
                : tickets.view(t, g.festival());
        return view.map(v -> new ValidationResult(ok, reason, message(reason), ok, v, holder));
    }

    private static ValidationResult invalid() {
        return new ValidationResult(false, "invalid_signature", message("invalid_signature"), false, null, null);
    }

    static String message(String reason) {
        return switch (reason) {
            case "ok" -> "Valid ticket: access granted";
            case "already_used" -> "This ticket has already been used";
            case "invalid_signature" -> "This QR code is not a valid ticket";
            case "revoked" -> "This ticket has been revoked (transferred, cancelled or refunded)";
            case "wrong_festival" -> "This ticket is for another festival";
            case "not_yet_valid" -> "This ticket is not valid yet";
            case "expired" -> "This ticket has expired";
            case "unpaid" -> "This ticket has not been paid";
            default -> reason;
        };
    }

    private static boolean isGarbage(Throwable e) {
        return e instanceof java.time.DateTimeException || e instanceof IllegalArgumentException
                || e instanceof ArithmeticException || e instanceof IndexOutOfBoundsException;
    }

    /** For resources: a path or body id that is not a UUID. */
    static UUID uuidOrNull(String s) {
        try {
            return s == null || s.isBlank() ? null : UUID.fromString(s.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("festivalId", "must be a UUID");
        }
    }
}
