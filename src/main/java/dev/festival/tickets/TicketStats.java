package dev.festival.tickets;

import dev.festival.common.db.ReadReplica;
import dev.festival.festivals.FestivalStatsContributor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Ticketing's part of {@code GET /api/festivals/:id/stats}: tickets sold, net revenue, entries. Analytics:
 * read from the read replica when there is one.
 */
@ApplicationScoped
public class TicketStats implements FestivalStatsContributor {
    @Inject
    ReadReplica replica;

    @Override
    public Uni<Part> contribute(UUID festivalId) {
        return replica.pool().preparedQuery("""
                        SELECT (SELECT count(*) FROM tickets WHERE festival_id = $1 AND status IN ('SOLD','USED'))
                                   AS sold,
                               (SELECT count(*) FROM tickets WHERE festival_id = $1 AND status = 'USED') AS used,
                               (SELECT COALESCE(sum(total_cents - refunded_cents), 0) FROM ticket_orders
                                 WHERE festival_id = $1 AND status IN ('PAID','REFUNDED')) AS revenue""")
                .execute(Tuple.of(festivalId))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new Part(r.getLong("sold"), r.getLong("revenue"), r.getLong("used"), null, null, null,
                            null);
                });
    }
}
