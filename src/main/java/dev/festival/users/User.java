package dev.festival.users;

import dev.festival.common.security.Role;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of the {@code users} table, read and written with the reactive PostgreSQL client.
 * Mutable on purpose: the administration service locks a row, changes fields, and saves it back
 * in the same transaction ({@link #save}).
 *
 * <p>Accounts used to be a Hibernate Reactive Panache entity; it was the only one, and booting
 * Hibernate for it cost about a quarter of the server's start-up (3,600 classes and the metamodel
 * build), so it became plain SQL like every other table.
 */
public final class User {
    /** The columns {@link #from} reads, for {@code SELECT} lists. */
    public static final String COLUMNS = "id, email, password_hash, first_name, last_name, phone, avatar_url, role,"
            + " status, email_verified, two_factor_enabled, status_reason, last_login_at, created_at, updated_at";

    public UUID id;
    public String email;
    public String passwordHash;
    public String firstName;
    public String lastName;
    public String phone;
    public String avatarUrl;
    public Role role;
    public UserStatus status;
    public boolean emailVerified;
    public boolean twoFactorEnabled;
    public String statusReason;
    public OffsetDateTime lastLoginAt;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;

    public static User from(Row row) {
        User u = new User();
        u.id = row.getUUID("id");
        u.email = row.getString("email");
        u.passwordHash = row.getString("password_hash");
        u.firstName = row.getString("first_name");
        u.lastName = row.getString("last_name");
        u.phone = row.getString("phone");
        u.avatarUrl = row.getString("avatar_url");
        u.role = Role.parse(row.getString("role"));
        u.status = UserStatus.parse(row.getString("status"));
        u.emailVerified = row.getBoolean("email_verified");
        u.twoFactorEnabled = row.getBoolean("two_factor_enabled");
        u.statusReason = row.getString("status_reason");
        u.lastLoginAt = row.getOffsetDateTime("last_login_at");
        u.createdAt = row.getOffsetDateTime("created_at");
        u.updatedAt = row.getOffsetDateTime("updated_at");
        return u;
    }

    /** The first row as a user, or null. */
    static User first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? from(it.next()) : null;
    }

    static Uni<User> findById(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1")
                .execute(Tuple.of(id)).map(User::first);
    }

    /** The row locked for the rest of the transaction ({@code FOR UPDATE}), or null. */
    static Uni<User> lockById(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)).map(User::first);
    }

    /** Writes every mutable field back; answers the row as stored. */
    Uni<User> save(SqlClient client) {
        return client.preparedQuery("""
                        UPDATE users SET email = $2, first_name = $3, last_name = $4, phone = $5, avatar_url = $6,
                               role = $7, status = $8, email_verified = $9, status_reason = $10, updated_at = $11
                         WHERE id = $1
                        RETURNING \s""" + COLUMNS)
                .execute(Tuple.from(new Object[] {id, email, firstName, lastName, phone, avatarUrl, role.name(),
                        status.name(), emailVerified, statusReason, updatedAt}))
                .map(User::first);
    }
}
