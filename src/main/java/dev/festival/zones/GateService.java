package dev.festival.zones;

import com.fasterxml.jackson.databind.JsonNode;
import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.events.BusinessEvents;
import dev.festival.common.security.FestivalAccess;
import dev.festival.common.security.Role;
import dev.festival.tickets.signing.TicketSigner;
import dev.festival.zones.dto.BatchScanResult;
import dev.festival.zones.dto.ScanRequest;
import dev.festival.zones.dto.ScanResult;
import dev.festival.zones.dto.ZoneAlertView;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Gate decisions: scan (REST, offline batches and the Socket.IO {@code scan}), and the dry-run check.
 * A QR payload is verified here (Ed25519, pure CPU, via the tickets feature's {@link TicketSigner});
 * everything else — access, ticket state, hours, category, anti-passback, capacity and the writes —
 * is one statement in {@link GateStore}.
 *
 * <p>A zone scan does not change the ticket: {@code POST /api/tickets/scan} is the festival's one-time
 * entry (SOLD → USED); zones track who is inside which zone, so they admit SOLD and USED tickets alike,
 * any number of times, one presence at a time.
 */
@ApplicationScoped
public class GateService {
    /** Who scans: the user and whether they are a platform ADMIN. */
    public record Scanner(UUID userId, boolean admin) {
    }

    /** A validated scan body. */
    record Parsed(String qrCode, UUID ticketId, String nfcTagId, String direction, String deviceId,
                  String clientScanId, OffsetDateTime scannedAt, Boolean clientAllowed) {
    }

    static final int MAX_TEXT = 200;

    @Inject
    GateStore store;

    @Inject
    ZoneStore zones;

    @Inject
    TicketSigner signer;

    @Inject
    FestivalAccess access;

    @Inject
    BusinessEvents events;

    @Inject
    OccupancyBroadcaster broadcaster;

    @Inject
    ZonesConfig config;

    /** A live scan: admitted or refused with a reason (200 either way); 400/403/404 otherwise. */
    public Uni<ScanResult> scan(Scanner caller, UUID zoneId, ScanRequest body) {
        Parsed p = parse(body, "", null);
        return apply(caller, zoneId, p);
    }

    /** The same decision as {@link #scan}, changing nothing. */
    public Uni<ScanResult> check(Scanner caller, UUID zoneId, ScanRequest body) {
        Parsed p = parse(body, "", null);
        return resolve(p).flatMap(ref -> store.check(zoneId, ref.ref(), ref.value(), ref.revision(), p.direction(),
                        caller.userId(), caller.admin()))
                .map(o -> answer(zoneId, p, o, true));
    }

    /**
     * An offline upload: the scans are applied one after the other in the given order, each
     * idempotent by (deviceId, clientScanId). Every item is validated before any is applied.
     */
    public Uni<BatchScanResult> batch(Scanner caller, UUID zoneId, JsonNode body) {
        List<Parsed> items = parseBatch(body);
        // one access decision for the whole upload (each statement checks it again anyway)
        return zones.find(zoneId)
                .map(z -> {
                    if (z == null) {
                        throw ApiException.notFound("Zone");
                    }
                    return z;
                })
                .flatMap(z -> access.grantFor(z.festivalId(), caller.userId(), caller.admin()))
                .invoke(GateService::requireScanner)
                .flatMap(g -> Multi.createFrom().iterable(items)
                        .onItem().transformToUniAndConcatenate(p -> apply(caller, zoneId, p))
                        .collect().asList())
                .map(results -> batchResult(items, results));
    }

    private Uni<ScanResult> apply(Scanner caller, UUID zoneId, Parsed p) {
        return resolve(p).flatMap(ref -> store.scan(new GateStore.Scan(zoneId, ref.ref(), ref.value(), ref.revision(),
                        p.direction(), caller.userId(), caller.admin(), p.deviceId(), p.clientScanId(), p.scannedAt(),
                        ref.method())))
                .map(o -> {
                    ScanResult r = answer(zoneId, p, o, false);
                    if (!o.duplicate()) {
                        recorded(zoneId, caller, p, o, r);
                    }
                    return r;
                });
    }

    private void recorded(UUID zoneId, Scanner caller, Parsed p, GateStore.Outcome o, ScanResult r) {
        events.count(r.allowed() ? "zone.scan.admitted" : "zone.scan.refused", "zoneId", zoneId,
                "festivalId", o.festivalId(), "direction", p.direction(), "reason", r.reason(),
                "ticketId", r.ticket() == null ? null : r.ticket().id(), "deviceId", p.deviceId(), "by", caller.userId());
        if (r.allowed()) {
            broadcaster.changed(zoneId);
        }
        if (r.alert() != null) {
            events.record("zone.alert", "zoneId", zoneId, "festivalId", o.festivalId(), "type", r.alert().type(),
                    "occupancy", r.alert().occupancy(), "capacity", r.alert().capacity());
            broadcaster.alert(r.alert());
        }
    }

    // ------------------------------------------------------------------ the ticket reference

    private record Ref(GateStore.Ref ref, Object value, Integer revision, String method) {
    }

    private Uni<Ref> resolve(Parsed p) {
        if (p.qrCode() != null) {
            // A payload that does not verify names no ticket: the statement answers "invalid" (and logs it).
            // A garbled one that makes the parser throw is just as invalid; a failing key lookup
            // (database down) propagates, as it says nothing about the ticket.
            return Uni.createFrom().deferred(() -> signer.verify(p.qrCode()))
                    .onFailure(GateService::isGarbage).recoverWithNull()
                    .map(c -> c == null ? new Ref(GateStore.Ref.TICKET, null, null, "QR")
                            : new Ref(GateStore.Ref.TICKET, c.ticketId(), c.revision(), "QR"));
        }
        if (p.ticketId() != null) {
            return Uni.createFrom().item(new Ref(GateStore.Ref.TICKET, p.ticketId(), null, "TICKET_ID"));
        }
        return Uni.createFrom().item(new Ref(GateStore.Ref.TAG, p.nfcTagId(), null, "NFC"));
    }

    private static boolean isGarbage(Throwable e) {
        return e instanceof java.time.DateTimeException || e instanceof IllegalArgumentException
                || e instanceof ArithmeticException || e instanceof IndexOutOfBoundsException;
    }

    // ------------------------------------------------------------------ answers

    private ScanResult answer(UUID zoneId, Parsed p, GateStore.Outcome o, boolean dryRun) {
        if (!o.zoneFound()) {
            throw ApiException.notFound("Zone");
        }
        if (!o.callerOk()) {
            // the statement applied the rule of FestivalAccess.requireOrgOrMember(STAFF, SECURITY); same errors
            throw o.memberRole() == null ? new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER)
                    : new ApiException(ErrorCode.ROLE_FORBIDDEN, "Your role on this festival does not allow this action");
        }
        int occupancy = o.occupancyAfter() != null ? o.occupancyAfter() : o.occupancyBefore();
        Integer capacity = o.occupancyAfter() != null ? o.capacityAfter() : o.capacityBefore();
        String reason = o.reason();
        boolean allowed = o.allowed();
        String direction = p.direction();
        GateStore.Ticket t = o.ticket() != null && o.festivalId().equals(o.ticket().festivalId()) ? o.ticket() : null;
        ScanResult.Ticket ticket = t == null ? null : new ScanResult.Ticket(t.id(), t.festivalId(), t.categoryId(),
                t.userId(), t.status(), new ScanResult.Category(t.categoryId(), t.categoryName(), t.type()));
        ScanResult.Holder holder = t == null ? null : new ScanResult.Holder((t.firstName() + " " + t.lastName()).trim(),
                t.firstName(), t.lastName(), t.type(), t.status(), t.id());
        ZoneAlertView alert = o.alert() == null ? null : new ZoneAlertView(o.alert().id(), zoneId, o.zoneName(),
                o.festivalId(), o.alert().type(), o.alert().message(), o.alert().level(), o.alert().occupancy(),
                o.alert().capacity(), o.alert().createdAt(), null);
        ScanResult.ZoneState zone = new ScanResult.ZoneState(zoneId, o.zoneName(), occupancy, capacity,
                Occupancy.percentage(occupancy, capacity), Occupancy.atCapacity(occupancy, capacity),
                Occupancy.nearCapacity(occupancy, capacity, o.threshold()));
        return new ScanResult(allowed, allowed, reason, message(reason, direction), direction,
                "IN".equals(direction) ? "ENTRY" : "EXIT", occupancy, capacity, ticket, holder, zone, alert,
                o.logId(), o.duplicate() ? Boolean.TRUE : null, dryRun ? Boolean.TRUE : null,
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    static String message(String reason, String direction) {
        return switch (reason) {
            case "ok" -> "IN".equals(direction) ? "Access granted" : "Exit recorded";
            case "already_inside" -> "This ticket is already inside this zone";
            case "not_inside" -> "This ticket is not inside this zone";
            case "zone_full" -> "The zone is full";
            case "category_not_allowed" -> "This ticket does not give access to this zone";
            case "invalid" -> "This is not a valid ticket for this festival";
            case "revoked" -> "This ticket has been revoked (transferred, cancelled or refunded)";
            case "closed" -> "The zone is closed";
            default -> reason;
        };
    }

    private static void requireScanner(FestivalAccess.Grant g) {
        if (!g.isOrg() && !g.hasMemberRole(Role.STAFF, Role.SECURITY)) {
            throw g.memberRole() == null ? new ApiException(ErrorCode.NOT_FESTIVAL_MEMBER)
                    : new ApiException(ErrorCode.ROLE_FORBIDDEN, "Your role on this festival does not allow this action");
        }
    }

    private static BatchScanResult batchResult(List<Parsed> items, List<ScanResult> results) {
        List<BatchScanResult.Item> out = new ArrayList<>();
        int allowed = 0;
        int duplicates = 0;
        int conflicts = 0;
        for (int i = 0; i < results.size(); i++) {
            Parsed p = items.get(i);
            ScanResult r = results.get(i);
            boolean duplicate = Boolean.TRUE.equals(r.duplicate());
            boolean conflict = p.clientAllowed() != null ? p.clientAllowed() != r.allowed() : !r.allowed();
            allowed += r.allowed() ? 1 : 0;
            duplicates += duplicate ? 1 : 0;
            conflicts += conflict ? 1 : 0;
            out.add(new BatchScanResult.Item(i, p.clientScanId(), p.deviceId(), r.allowed(), r.reason(), r.message(),
                    duplicate, conflict, r));
        }
        int occupancy = results.isEmpty() ? 0 : results.get(results.size() - 1).occupancy();
        return new BatchScanResult(out, new BatchScanResult.Summary(results.size(), results.size() - duplicates,
                allowed, results.size() - allowed, duplicates, conflicts, occupancy));
    }

    // ------------------------------------------------------------------ input

    /** Validates one scan (400 ERR_4001 naming the field, prefixed for batch items). */
    static Parsed parse(ScanRequest body, String prefix, String defaultDevice) {
        if (body == null) {
            throw ApiException.invalidField(prefix + "qrCode", "one of qrCode, ticketId or nfcTagId is required");
        }
        String qr = blankToNull(body.qrCode());
        String ticket = blankToNull(body.ticketId());
        String nfc = blankToNull(body.nfcTagId());
        UUID ticketId = null;
        if (qr == null && ticket != null) {
            ticketId = ZoneInput.uuid(prefix + "ticketId", ticket);
        }
        if (qr == null && ticketId == null && nfc == null) {
            throw ApiException.invalidField(prefix + "qrCode", "one of qrCode, ticketId or nfcTagId is required");
        }
        if (qr != null && qr.length() > 4096) {
            throw ApiException.invalidField(prefix + "qrCode", "is too long");
        }
        if (nfc != null && nfc.length() > MAX_TEXT) {
            throw ApiException.invalidField(prefix + "nfcTagId", "is too long");
        }
        String direction = direction(body.direction(), body.action(), prefix);
        String device = blankToNull(body.deviceId());
        device = device == null ? defaultDevice : device;
        if (device != null && (device.length() > MAX_TEXT || hasControl(device))) {
            throw ApiException.invalidField(prefix + "deviceId", "must be at most " + MAX_TEXT
                    + " printable characters");
        }
        String scanId = blankToNull(body.clientScanId());
        if (scanId != null && (scanId.length() > MAX_TEXT || hasControl(scanId))) {
            throw ApiException.invalidField(prefix + "clientScanId", "must be at most " + MAX_TEXT
                    + " printable characters");
        }
        if (scanId != null && device == null) {
            throw ApiException.invalidField(prefix + "deviceId", "is required with clientScanId");
        }
        return new Parsed(qr, ticketId, qr == null && ticketId == null ? nfc : null, direction, device, scanId, null,
                null);
    }

    private static String direction(String direction, String action, String prefix) {
        String field = direction != null ? "direction" : "action";
        String v = direction != null ? direction : action;
        if (v == null || v.isBlank()) {
            return "IN";
        }
        return switch (v.trim().toUpperCase(Locale.ROOT)) {
            case "IN", "ENTRY", "ENTER" -> "IN";
            case "OUT", "EXIT", "LEAVE" -> "OUT";
            default -> throw ApiException.invalidField(prefix + field, "must be IN or OUT (ENTRY or EXIT)");
        };
    }

    private List<Parsed> parseBatch(JsonNode body) {
        JsonNode list = body;
        String defaultDevice = null;
        if (body != null && body.isObject()) {
            JsonNode device = body.get("deviceId");
            if (device != null && device.isTextual() && !device.textValue().isBlank()) {
                defaultDevice = device.textValue().trim();
            }
            list = body.has("scans") ? body.get("scans") : body.get("items");
        }
        if (list == null || !list.isArray()) {
            throw ApiException.invalidField("scans", "must be an array of scans");
        }
        if (list.isEmpty() || list.size() > config.batchMaxScans()) {
            throw ApiException.invalidField("scans", "must hold 1 to " + config.batchMaxScans() + " scans");
        }
        List<Parsed> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String prefix = "scans[" + i + "].";
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                throw ApiException.invalidField("scans[" + i + "]", "must be an object");
            }
            String scanId = scanId(item, "clientScanId", prefix);
            if (scanId == null) {
                scanId = scanId(item, "id", prefix);
            }
            if (scanId == null) {
                throw ApiException.invalidField(prefix + "clientScanId", "is required");
            }
            ScanRequest req = new ScanRequest(text(item, "qrCode", prefix), text(item, "ticketId", prefix),
                    text(item, "nfcTagId", prefix), text(item, "direction", prefix), text(item, "action", prefix),
                    text(item, "deviceId", prefix), scanId);
            Parsed p = parse(req, prefix, defaultDevice);
            if (p.deviceId() == null) {
                throw ApiException.invalidField(prefix + "deviceId", "is required (on the item or the upload)");
            }
            OffsetDateTime at = scannedAt(item.get("scannedAt"), prefix);
            JsonNode decided = item.get("allowed");
            Boolean clientAllowed = decided != null && decided.isBoolean() ? decided.booleanValue() : null;
            out.add(new Parsed(p.qrCode(), p.ticketId(), p.nfcTagId(), p.direction(), p.deviceId(), p.clientScanId(),
                    at, clientAllowed));
        }
        return out;
    }

    private static OffsetDateTime scannedAt(JsonNode v, String prefix) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            if (v.isIntegralNumber()) {
                return OffsetDateTime.ofInstant(Instant.ofEpochMilli(v.longValue()), ZoneOffset.UTC);
            }
            if (v.isTextual()) {
                return OffsetDateTime.parse(v.textValue().trim());
            }
        } catch (java.time.DateTimeException e) {
            // falls through to the 400 below
        }
        throw ApiException.invalidField(prefix + "scannedAt", "must be an ISO-8601 date-time or epoch milliseconds");
    }

    /** A scanner's scan id: a string, or an integer (some scanners number their scans). */
    private static String scanId(JsonNode item, String field, String prefix) {
        JsonNode v = item.get(field);
        if (v != null && v.isIntegralNumber()) {
            return v.asText();
        }
        String s = text(item, field, prefix);
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String text(JsonNode item, String field, String prefix) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.invalidField(prefix + field, "must be a string");
        }
        return v.textValue();
    }

    /** Device and scan ids go to the log lines: no line breaks or other control characters. */
    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
