package dev.festival.payments;

import dev.festival.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The two facts payments needs about a festival: its currency and when it starts (for the payer's
 * refund policy). A read-only query until the festivals feature exposes them through its service;
 * then this class should delegate to it.
 */
@ApplicationScoped
public class FestivalFacts {
    public record Facts(UUID id, String currency, OffsetDateTime startDate) {
    }

    @Inject
    Pool pool;

    /** 404 ERR_5001 when the festival does not exist or is deleted. */
    public Uni<Facts> require(UUID festivalId) {
        return pool.preparedQuery("SELECT id, currency, start_date FROM festivals WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(festivalId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.notFound("Festival");
                    }
                    Row r = rows.iterator().next();
                    return new Facts(r.getUUID("id"), r.getString("currency").trim(), r.getOffsetDateTime("start_date"));
                });
    }
}
