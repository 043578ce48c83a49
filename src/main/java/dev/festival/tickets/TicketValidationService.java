package dev.festival.tickets;

import dev.festival.common.error.ApiException;
import dev.festival.common.events.BusinessEvents;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.Role;
import dev.festival.festivals.Festival;
import dev.festival.festivals.FestivalService;
import dev.festival.tickets.dto.ValidationResult;
import dev.festival.tickets.signing.TicketSigner;
import dev.festival.users.UserService;
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
    FestivalService festivals;

    @Inject
    FestivalAccess access;

    @Inject
    UserService users;

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
                    return store.find(claims.ticketId()).flatMap(t -> {
                        if (t == null || !t.festivalId().equals(claims.festivalId())) {
                            return Uni.createFrom().item(invalid());
                        }
                        return check(callerId, t, claims, scannerFestivalId, zoneId, deviceId, consume);
                    });
                });
    }

    /** A check by ticket id (staff typing a number): the ticket's current revision is assumed. */
    public Uni<ValidationResult> byId(UUID callerId, UUID ticketId, UUID scannerFestivalId, String zoneId,
                                      String deviceId, boolean consume) {
        return tickets.require(ticketId).flatMap(t -> festivals.require(t.festivalId())
                .flatMap(f -> check(callerId, t, tickets.claims(t, f), scannerFestivalId, zoneId, deviceId,
                        consume)));
    }

    private Uni<ValidationResult> check(UUID callerId, TicketRow t, TicketSigner.TicketClaims claims,
                                        UUID scannerFestivalId, String zoneId, String deviceId, boolean consume) {
        return access.requireOrgOrMember(t.festivalId(), Role.STAFF, Role.SECURITY)
                .flatMap(g -> festivals.require(t.festivalId()))
                .flatMap(f -> {
                    String reason = reason(t, claims, f, scannerFestivalId);
                    if (!"ok".equals(reason) || !consume) {
                        return result(reason, t, f);
                    }
                    return store.markUsed(t.id(), claims.revision(), zoneId, deviceId, callerId).flatMap(usedAt -> {
                        if (usedAt != null) {
                            events.record("ticket.scanned", "ticketId", t.id(), "festivalId", t.festivalId(),
                                    "zoneId", zoneId, "by", callerId);
                            ticketEvents.fire(new TicketEvents.Used(t.id(), t.festivalId(), t.userId(), zoneId));
                            return tickets.require(t.id()).flatMap(fresh -> result("ok", fresh, f));
                        }
                        // Lost the race (or the ticket moved on meanwhile): answer from its state now.
                        return tickets.require(t.id()).flatMap(fresh ->
                                result(reason(fresh, claims, f, scannerFestivalId), fresh, f));
                    });
                });
    }

    private static String reason(TicketRow t, TicketSigner.TicketClaims claims, Festival f, UUID scannerFestivalId) {
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

    private Uni<ValidationResult> result(String reason, TicketRow t, Festival f) {
        boolean ok = "ok".equals(reason);
        return tickets.view(t, f).flatMap(view -> users.findById(t.userId()).map(u -> new ValidationResult(ok,
                reason, message(reason), ok, view,
                u == null ? null : new ValidationResult.Holder(u.firstName(), u.lastName()))));
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
