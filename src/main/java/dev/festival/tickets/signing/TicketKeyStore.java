package dev.festival.tickets.signing;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of {@code ticket_signing_keys}, on the reactive PG client. */
@ApplicationScoped
public class TicketKeyStore {
    private static final String COLUMNS = " kid, festival_id, public_key, private_key, key_wrap, valid_from, retired_at ";

    /** One stored key; {@code privateKey} is as stored (maybe wrapped, see {@code keyWrap}). */
    public record KeyRow(String kid, UUID festivalId, byte[] publicKey, byte[] privateKey, String keyWrap,
                         OffsetDateTime validFrom, OffsetDateTime retiredAt) {}

    /** A key to insert; {@code privateKey} already wrapped according to {@code keyWrap}. */
    public record NewKey(String kid, UUID festivalId, byte[] publicKey, byte[] privateKey, String keyWrap) {}

    @Inject
    Pool pool;

    public Uni<KeyRow> current(UUID festivalId) {
        return pool.preparedQuery("SELECT" + COLUMNS + "FROM ticket_signing_keys WHERE festival_id = $1 AND retired_at IS NULL")
                .execute(Tuple.of(festivalId)).map(TicketKeyStore::first);
    }

    public Uni<KeyRow> byKid(String kid) {
        return pool.preparedQuery("SELECT" + COLUMNS + "FROM ticket_signing_keys WHERE kid = $1")
                .execute(Tuple.of(kid)).map(TicketKeyStore::first);
    }

    public Uni<List<KeyRow>> all(UUID festivalId) {
        return pool.preparedQuery("SELECT" + COLUMNS
                        + "FROM ticket_signing_keys WHERE festival_id = $1 ORDER BY valid_from, created_at")
                .execute(Tuple.of(festivalId)).map(rows -> {
                    List<KeyRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(row(r)));
                    return out;
                });
    }

    /** Inserts the festival's first current key; null when another caller's insert won the race. */
    public Uni<KeyRow> insertIfNoCurrent(NewKey k) {
        return pool.preparedQuery("""
                        INSERT INTO ticket_signing_keys (kid, festival_id, public_key, private_key, key_wrap)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (festival_id) WHERE retired_at IS NULL DO NOTHING
                        RETURNING""" + COLUMNS)
                .execute(tuple(k)).map(TicketKeyStore::first);
    }

    /**
     * Retires the current key (if any) and inserts the new one, in one transaction serialised per
     * festival by an advisory lock, so two concurrent rotations both succeed one after the other.
     */
    public Uni<KeyRow> rotate(NewKey k) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('ticket_signing_keys:' || $1::uuid::text, 0))")
                .execute(Tuple.of(k.festivalId()))
                .chain(() -> conn.preparedQuery(
                                "UPDATE ticket_signing_keys SET retired_at = now() WHERE festival_id = $1 AND retired_at IS NULL")
                        .execute(Tuple.of(k.festivalId())))
                .chain(() -> conn.preparedQuery("""
                                INSERT INTO ticket_signing_keys (kid, festival_id, public_key, private_key, key_wrap)
                                VALUES ($1, $2, $3, $4, $5) RETURNING""" + COLUMNS)
                        .execute(tuple(k)))
                .map(TicketKeyStore::first));
    }

    private static Tuple tuple(NewKey k) {
        return Tuple.of(k.kid(), k.festivalId(), Buffer.buffer(k.publicKey()), Buffer.buffer(k.privateKey()), k.keyWrap());
    }

    private static KeyRow first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : row(rows.iterator().next());
    }

    private static KeyRow row(Row r) {
        return new KeyRow(r.getString("kid"), r.getUUID("festival_id"), r.getBuffer("public_key").getBytes(),
                r.getBuffer("private_key").getBytes(), r.getString("key_wrap"), r.getOffsetDateTime("valid_from"),
                r.getOffsetDateTime("retired_at"));
    }
}
