package dev.festival.apikeys;

import dev.festival.apikeys.dto.ApiKeyStats;
import dev.festival.common.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL of the {@code api_keys} table on the reactive client; one statement per operation. */
@ApplicationScoped
public class ApiKeyStore {
    static final String COLUMNS = "k.id, k.user_id, k.name, k.description, k.key_prefix, k.scopes, k.tier, k.status,"
            + " k.festival_id, k.ip_whitelist, k.expires_at, k.last_used_at, k.usage_count, k.revoked_at,"
            + " k.created_at, k.updated_at";

    /** A stored key (never its hash). */
    public record KeyRow(UUID id, UUID userId, String name, String description, String keyPrefix, List<String> scopes,
                         String tier, String status, UUID festivalId, List<String> ipWhitelist,
                         OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, long usageCount,
                         OffsetDateTime revokedAt, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        static KeyRow from(Row r) {
            return new KeyRow(r.getUUID("id"), r.getUUID("user_id"), r.getString("name"), r.getString("description"),
                    r.getString("key_prefix"), strings(r, "scopes"), r.getString("tier"), r.getString("status"),
                    r.getUUID("festival_id"), strings(r, "ip_whitelist"), r.getOffsetDateTime("expires_at"),
                    r.getOffsetDateTime("last_used_at"), r.getLong("usage_count"), r.getOffsetDateTime("revoked_at"),
                    r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
        }
    }

    /** What authenticating with a key needs: the key and its creator's current role and status. */
    public record AuthRow(UUID id, UUID userId, List<String> scopes, String tier, String status, UUID festivalId,
                          List<String> ipWhitelist, OffsetDateTime expiresAt, Role creatorRole, String creatorStatus) {
    }

    public record NewKey(UUID id, UUID userId, String name, String description, String keyPrefix, String keyHash,
                         List<String> scopes, String tier, UUID festivalId, List<String> ipWhitelist,
                         OffsetDateTime expiresAt) {
    }

    /** Changes of a PATCH; null = unchanged. */
    public record Changes(String name, String description, List<String> scopes, String tier, String status,
                          List<String> ipWhitelist, OffsetDateTime expiresAt) {
    }

    @Inject
    Pool pool;

    public Uni<KeyRow> insert(NewKey n) {
        return pool.preparedQuery("""
                        INSERT INTO api_keys AS k (id, user_id, name, description, key_prefix, key_hash, scopes, tier,
                                                   festival_id, ip_whitelist, expires_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.from(new Object[] {n.id(), n.userId(), n.name(), n.description(), n.keyPrefix(),
                        n.keyHash(), n.scopes().toArray(String[]::new), n.tier(), n.festivalId(),
                        n.ipWhitelist().toArray(String[]::new), n.expiresAt()}))
                .map(ApiKeyStore::first);
    }

    /** The key with this hash and its creator, or null (unknown or deleted). */
    public Uni<AuthRow> findForAuth(String keyHash) {
        return pool.preparedQuery("""
                        SELECT k.id, k.user_id, k.scopes, k.tier, k.status, k.festival_id, k.ip_whitelist,
                               k.expires_at, u.role AS creator_role, u.status AS creator_status
                          FROM api_keys k JOIN users u ON u.id = k.user_id
                         WHERE k.key_hash = $1 AND k.deleted_at IS NULL""")
                .execute(Tuple.of(keyHash))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    return new AuthRow(r.getUUID("id"), r.getUUID("user_id"), strings(r, "scopes"), r.getString("tier"),
                            r.getString("status"), r.getUUID("festival_id"), strings(r, "ip_whitelist"),
                            r.getOffsetDateTime("expires_at"), Role.parse(r.getString("creator_role")),
                            r.getString("creator_status"));
                });
    }

    /** A live (not deleted) key, visible to {@code owner} (null = any owner, for an ADMIN); null when none. */
    public Uni<KeyRow> find(UUID id, UUID owner) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_keys k WHERE k.id = $1 AND k.deleted_at IS NULL"
                        + " AND ($2::uuid IS NULL OR k.user_id = $2)")
                .execute(Tuple.of(id, owner))
                .map(ApiKeyStore::first);
    }

    /** A page of keys, newest first, and the total. */
    public Uni<Map.Entry<List<KeyRow>, Long>> list(UUID owner, int limit, long offset) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", count(*) OVER () AS total FROM api_keys k"
                        + " WHERE k.deleted_at IS NULL AND ($1::uuid IS NULL OR k.user_id = $1)"
                        + " ORDER BY k.created_at DESC, k.id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(owner, limit, offset))
                .map(rows -> {
                    List<KeyRow> keys = new ArrayList<>();
                    long total = 0;
                    for (Row r : rows) {
                        keys.add(KeyRow.from(r));
                        total = r.getLong("total");
                    }
                    if (keys.isEmpty() && offset > 0) {
                        total = -1; // unknown past the end: the caller counts separately
                    }
                    return Map.entry(keys, total);
                });
    }

    public Uni<Long> count(UUID owner) {
        return pool.preparedQuery("SELECT count(*) FROM api_keys k WHERE k.deleted_at IS NULL"
                        + " AND ($1::uuid IS NULL OR k.user_id = $1)")
                .execute(Tuple.of(owner)).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Applies a PATCH to a live key; null when there is none (visible to owner). */
    public Uni<KeyRow> update(UUID id, UUID owner, Changes c) {
        return pool.preparedQuery("""
                        UPDATE api_keys k SET name = coalesce($3, name), description = coalesce($4, description),
                               scopes = coalesce($5, scopes), tier = coalesce($6, tier),
                               status = CASE WHEN status = 'REVOKED' THEN status ELSE coalesce($7, status) END,
                               ip_whitelist = coalesce($8, ip_whitelist), expires_at = coalesce($9, expires_at),
                               updated_at = now()
                         WHERE id = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR user_id = $2)
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.from(new Object[] {id, owner, c.name(), c.description(),
                        c.scopes() == null ? null : c.scopes().toArray(String[]::new), c.tier(), c.status(),
                        c.ipWhitelist() == null ? null : c.ipWhitelist().toArray(String[]::new), c.expiresAt()}))
                .map(ApiKeyStore::first);
    }

    /** Revokes (and with {@code delete} hides) a live key; answers it, or null when none. Idempotent. */
    public Uni<KeyRow> revoke(UUID id, UUID owner, boolean delete) {
        return pool.preparedQuery("""
                        UPDATE api_keys k SET status = 'REVOKED', revoked_at = coalesce(revoked_at, now()),
                               deleted_at = CASE WHEN $3 THEN now() ELSE deleted_at END, updated_at = now()
                         WHERE id = $1 AND deleted_at IS NULL AND ($2::uuid IS NULL OR user_id = $2)
                        RETURNING\s""" + COLUMNS)
                .execute(Tuple.of(id, owner, delete))
                .map(ApiKeyStore::first);
    }

    public Uni<ApiKeyStats> stats(UUID owner) {
        return pool.preparedQuery("""
                        SELECT count(*) AS total,
                               count(*) FILTER (WHERE status = 'ACTIVE' AND (expires_at IS NULL OR expires_at > now()))
                                   AS active,
                               count(*) FILTER (WHERE status = 'INACTIVE') AS inactive,
                               count(*) FILTER (WHERE status = 'REVOKED') AS revoked,
                               count(*) FILTER (WHERE status = 'ACTIVE' AND expires_at <= now()) AS expired,
                               coalesce(sum(usage_count), 0) AS usage, max(last_used_at) AS last_used_at,
                               count(*) FILTER (WHERE tier = 'FREE') AS free,
                               count(*) FILTER (WHERE tier = 'STARTER') AS starter,
                               count(*) FILTER (WHERE tier = 'PRO') AS pro,
                               count(*) FILTER (WHERE tier = 'ENTERPRISE') AS enterprise
                          FROM api_keys WHERE deleted_at IS NULL AND ($1::uuid IS NULL OR user_id = $1)""")
                .execute(Tuple.of(owner))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    Map<String, Long> byTier = new LinkedHashMap<>();
                    byTier.put("FREE", r.getLong("free"));
                    byTier.put("STARTER", r.getLong("starter"));
                    byTier.put("PRO", r.getLong("pro"));
                    byTier.put("ENTERPRISE", r.getLong("enterprise"));
                    return new ApiKeyStats(r.getLong("total"), r.getLong("active"), r.getLong("inactive"),
                            r.getLong("revoked"), r.getLong("expired"), r.getLong("usage"),
                            r.getOffsetDateTime("last_used_at"), byTier);
                });
    }

    /** Adds pending uses to many keys in one statement. */
    public Uni<Void> addUsage(UUID[] ids, Long[] counts, OffsetDateTime[] lastUsed) {
        return pool.preparedQuery("""
                        UPDATE api_keys k SET usage_count = k.usage_count + u.n,
                               last_used_at = greatest(k.last_used_at, u.at)
                          FROM unnest($1::uuid[], $2::bigint[], $3::timestamptz[]) AS u(id, n, at)
                         WHERE k.id = u.id""")
                .execute(Tuple.of(ids, counts, lastUsed))
                .replaceWithVoid();
    }

    private static KeyRow first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? KeyRow.from(it.next()) : null;
    }

    private static List<String> strings(Row r, String column) {
        String[] values = r.getArrayOfStrings(column);
        return values == null ? List.of() : Arrays.asList(values);
    }
}
