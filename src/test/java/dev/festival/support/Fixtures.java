package dev.festival.support;

import static io.restassured.RestAssured.given;

import dev.festival.common.security.Role;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test accounts made through the API (register, then login), each with a unique email so tests
 * run in any order. A role other than USER is granted with one SQL update, standing in for an
 * ADMIN's role change, so that fixtures do not depend on the users administration endpoints.
 */
public final class Fixtures {
    public static final String PASSWORD = "Festival2025!";
    private static final AtomicLong SEQ = new AtomicLong();

    private Fixtures() {
    }

    public record Account(UUID id, String email, String password, Role role, String accessToken,
                          String refreshToken) {
        /** A request authenticated as this account with a Bearer token. */
        public RequestSpecification request() {
            return given().header("Authorization", "Bearer " + accessToken).contentType(ContentType.JSON);
        }
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + System.nanoTime() + "-" + SEQ.incrementAndGet() + "@festival.test";
    }

    public static Account user() {
        return account(Role.USER);
    }

    public static Account admin() {
        return account(Role.ADMIN);
    }

    public static Account organizer() {
        return account(Role.ORGANIZER);
    }

    /** Registers, grants the role (and ACTIVE, verified), and signs in so the token carries the role. */
    public static Account account(Role role) {
        String email = uniqueEmail(role.name().toLowerCase());
        Response reg = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "firstName", "Test", "lastName", role.name()))
                .post("/api/auth/register");
        if (reg.statusCode() != 201) {
            throw new IllegalStateException("register failed: " + reg.statusCode() + " " + reg.asString());
        }
        UUID id = UUID.fromString(reg.path("user.id"));
        sql("UPDATE users SET role = $1, status = 'ACTIVE', email_verified = true WHERE id = $2",
                Tuple.of(role.name(), id));
        return login(id, email, role);
    }

    public static Account login(UUID id, String email, Role role) {
        Response login = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/login");
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + login.statusCode() + " " + login.asString());
        }
        return new Account(id, email, PASSWORD, role, login.path("accessToken"), login.path("refreshToken"));
    }

    /**
     * A PUBLISHED festival owned by {@code owner}, inserted directly (tests of other features
     * need a festival without depending on the festivals API). Answers its id.
     */
    public static UUID festival(Account owner, String currency) {
        UUID id = UUID.randomUUID();
        sql("""
                INSERT INTO festivals (id, name, slug, location, start_date, end_date, currency, status, organizer_id)
                VALUES ($1, $2, $3, 'Test ground', now() + interval '30 days', now() + interval '33 days', $4,
                        'PUBLISHED', $5)""",
                Tuple.of(id, "Fixture " + id, "fixture-" + id, currency, owner.id()));
        return id;
    }

    public static UUID festival(Account owner) {
        return festival(owner, "EUR");
    }

    /** Makes {@code member} a member of the festival with a festival role (STAFF, CASHIER, SECURITY, ORGANIZER). */
    public static void member(UUID festivalId, Account member, Role role) {
        sql("INSERT INTO festival_members (festival_id, user_id, role) VALUES ($1, $2, $3)"
                + " ON CONFLICT (festival_id, user_id) DO UPDATE SET role = EXCLUDED.role",
                Tuple.of(festivalId, member.id(), role.name()));
    }

    /** Runs one statement against the test schema (the app's own pool). */
    public static void sql(String statement, Tuple args) {
        Pool pool = Arc.container().instance(Pool.class).get();
        pool.preparedQuery(statement).execute(args).await().atMost(Duration.ofSeconds(10));
    }

    /** One value (first row, first column) of a query against the test schema, or null without a row. */
    public static Object value(String query, Tuple args) {
        Pool pool = Arc.container().instance(Pool.class).get();
        var rows = pool.preparedQuery(query).execute(args).await().atMost(Duration.ofSeconds(10));
        return rows.size() == 0 ? null : rows.iterator().next().getValue(0);
    }
}
