package dev.festival.common.realtime;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The {@code /zones} namespace's {@code scan} request (API.md "Real time"): the same body and answer
 * as {@code POST /api/zones/:id/scan}. Implemented by the {@code zones} feature; the answer is a
 * Jackson-serialisable object. Failures are {@link dev.festival.common.error.ApiException}s, which the
 * socket layer turns into {@code {error: {errorCode, message}}}.
 */
public interface GateScanPort {
    Uni<Object> scan(SocketCaller caller, UUID zoneId, JsonObject body);
}
