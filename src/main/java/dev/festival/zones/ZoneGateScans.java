package dev.festival.zones;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import dev.festival.common.realtime.GateScanPort;
import dev.festival.common.realtime.SocketCaller;
import dev.festival.zones.dto.ScanRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * The Socket.IO {@code /zones} {@code scan} request: same body, rules and answer as
 * {@code POST /api/zones/:id/scan}, for the connection's caller. The right on the zone's festival is
 * decided inside the scan statement with FestivalAccess's rule (see {@link GateStore}).
 */
@ApplicationScoped
public class ZoneGateScans implements GateScanPort {
    @Inject
    GateService gate;

    @Override
    public Uni<Object> scan(SocketCaller caller, UUID zoneId, JsonObject body) {
        return Uni.createFrom().deferred(() -> {
            if (caller == null || caller.userId() == null) {
                throw new ApiException(ErrorCode.TOKEN_MISSING);
            }
            if (zoneId == null) {
                throw ApiException.invalidField("zoneId", "is required");
            }
            return gate.scan(new GateService.Scanner(caller.userId(), caller.isAdmin()), zoneId, request(body))
                    .map(r -> (Object) r);
        });
    }

    static ScanRequest request(JsonObject body) {
        if (body == null) {
            return null;
        }
        return new ScanRequest(text(body, "qrCode", "qr"), text(body, "ticketId", null), text(body, "nfcTagId", "nfcTag"),
                text(body, "direction", null), text(body, "action", null), text(body, "deviceId", null),
                text(body, "clientScanId", "scanId"));
    }

    private static String text(JsonObject body, String field, String alias) {
        Object v = body.getValue(field);
        if (v == null && alias != null) {
            v = body.getValue(alias);
            field = alias;
        }
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiException.invalidField(field, "must be a string");
        }
        return s;
    }
}
