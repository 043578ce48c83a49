package dev.festival.apikeys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.support.Fixtures;
import dev.festival.support.RateLimits;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** API.md "API keys": lifecycle, authentication, scopes, festival binding, allow-list, usage, tiers. */
@QuarkusTest
class ApiKeysTest {
    record Created(String id, String key, Response response) {}

    static Created create(Fixtures.Account creator, Map<String, Object> body) {
        Map<String, Object> b = new HashMap<>(body);
        b.putIfAbsent("name", "Key " + UUID.randomUUID());
        Response r = creator.request().body(b).post("/api/api-keys");
        r.then().statusCode(201);
        return new Created(r.path("id"), r.path("key"), r);
    }

    static Created create(Fixtures.Account creator, String... scopes) {
        return create(creator, Map.of("scopes", List.of(scopes)));
    }

    static Row row(String sql, Object... args) {
        Pool pool = Arc.container().instance(Pool.class).get();
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10))
                .iterator().next();
    }

    @Test
    void aKeyIsShownOnceAndStoredOnlyAsAHashWithAVisiblePrefix() {
        Fixtures.Account org = Fixtures.organizer();
        Created c = create(org, Map.of("scopes", List.of("read", "Write"), "description", "box office sync"));
        Response r = c.response();
        String key = c.key();
        assertTrue(key.matches("fst_[A-Za-z0-9_-]{43}"), key);
        r.then().body("plaintextKey", equalTo(key))
                .body("prefix", equalTo(key.substring(0, 12)))
                .body("apiKey.keyPrefix", equalTo(key.substring(0, 12)))
                .body("apiKey.id", equalTo(c.id()))
                .body("name", notNullValue())
                .body("apiKey.scopes", equalTo(List.of("READ", "WRITE")))
                .body("apiKey.tier", equalTo("FREE"))
                .body("apiKey.status", equalTo("ACTIVE"))
                .body("apiKey.usageCount", equalTo(0))
                .body("apiKey.description", equalTo("box office sync"))
                .body("apiKey", not(hasKey("key")))
                .body("apiKey", not(hasKey("keyHash")));
        Row stored = row("SELECT key_hash, key_prefix FROM api_keys WHERE id = $1", UUID.fromString(c.id()));
        assertEquals(ApiKeyService.hash(key), stored.getString("key_hash"));
        assertEquals(64, stored.getString("key_hash").length());
        // never shown again
        org.request().get("/api/api-keys/" + c.id()).then().statusCode(200)
                .body("keyPrefix", equalTo(key.substring(0, 12)))
                .body("$", not(hasKey("plaintextKey")))
                .body("$", not(hasKey("key")));
    }

    @Test
    void aKeyAuthenticatesAsItsCreatorThroughEachOfTheThreeHeaders() {
        Fixtures.Account org = Fixtures.organizer();
        String key = create(org, "READ").key();
        given().header("X-API-Key", key).get("/api/auth/me").then().statusCode(200).body("id", equalTo(org.id().toString()));
        given().header("api-key", key).get("/api/auth/me").then().statusCode(200).body("id", equalTo(org.id().toString()));
        given().header("Authorization", "Bearer " + key).get("/api/auth/me").then().statusCode(200)
                .body("email", equalTo(org.email()));
        given().header("X-API-Key", "fst_" + "x".repeat(43)).get("/api/auth/me").then().statusCode(401)
                .body("errorCode", equalTo("ERR_2003"));
        given().header("X-API-Key", "not-a-key").get("/api/auth/me").then().statusCode(401);
    }

    @Test
    void aReadKeyCannotPostAndAWriteKeyCan() {
        Fixtures.Account org = Fixtures.organizer();
        String read = create(org, "READ").key();
        Map<String, Object> festival = Map.of("name", "Keyed " + UUID.randomUUID(), "location", "Lyon",
                "startDate", OffsetDateTime.now().plusDays(40).toString(),
                "endDate", OffsetDateTime.now().plusDays(42).toString());
        given().header("X-API-Key", read).contentType(ContentType.JSON).body(festival).post("/api/festivals")
                .then().statusCode(403).body("errorCode", equalTo("ERR_3001"))
                .body("details.requiredScope", equalTo("WRITE"));
        given().header("X-API-Key", read).get("/api/admin/festivals").then().statusCode(200);

        String write = create(org, "WRITE").key();
        given().header("X-API-Key", write).contentType(ContentType.JSON).body(festival).post("/api/festivals")
                .then().statusCode(201).body("organizerId", equalTo(org.id().toString()));
        given().header("X-API-Key", write).get("/api/admin/festivals").then().statusCode(403)
                .body("details.requiredScope", equalTo("READ"));
        given().header("X-API-Key", write).delete("/api/festivals/" + UUID.randomUUID()).then().statusCode(403);
    }

    @Test
    void aRevokedKeyAndAnExpiredKeyGet401() {
        Fixtures.Account org = Fixtures.organizer();
        Created revoked = create(org, "READ");
        given().header("X-API-Key", revoked.key()).get("/api/auth/me").then().statusCode(200); // now cached
        org.request().post("/api/api-keys/" + revoked.id() + "/revoke").then().statusCode(204);
        given().header("X-API-Key", revoked.key()).get("/api/auth/me").then().statusCode(401)
                .body("errorCode", equalTo("ERR_2003"));
        org.request().get("/api/api-keys/" + revoked.id()).then().statusCode(200).body("status", equalTo("REVOKED"))
                .body("revokedAt", notNullValue());
        org.request().post("/api/api-keys/" + revoked.id() + "/revoke").then().statusCode(204);
        org.request().body(Map.of("status", "ACTIVE")).patch("/api/api-keys/" + revoked.id()).then().statusCode(200)
                .body("status", equalTo("REVOKED"));
        given().header("X-API-Key", revoked.key()).get("/api/auth/me").then().statusCode(401);

        Created expired = create(org, Map.of("scopes", List.of("READ"),
                "expiresAt", OffsetDateTime.now().plusSeconds(2).toString()));
        given().header("X-API-Key", expired.key()).get("/api/auth/me").then().statusCode(200);
        Fixtures.sql("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1",
                Tuple.of(UUID.fromString(expired.id())));
        // the cached row carries expiresAt: the next request already sees it past (no restart, no eviction)
        Arc.container().instance(ApiKeyCache.class).get().evict(UUID.fromString(expired.id())).await().indefinitely();
        given().header("X-API-Key", expired.key()).get("/api/auth/me").then().statusCode(401)
                .body("errorCode", equalTo("ERR_2003"));
        org.request().get("/api/api-keys/" + expired.id()).then().statusCode(200).body("status", equalTo("EXPIRED"));
    }

    @Test
    void anInactiveKeyIsRefusedUntilReactivatedAndADeletedKeyDisappears() {
        Fixtures.Account org = Fixtures.organizer();
        Created c = create(org, "READ");
        org.request().body(Map.of("status", "inactive", "name", "Paused")).patch("/api/api-keys/" + c.id())
                .then().statusCode(200).body("status", equalTo("INACTIVE")).body("name", equalTo("Paused"));
        given().header("X-API-Key", c.key()).get("/api/auth/me").then().statusCode(401);
        org.request().body(Map.of("status", "ACTIVE")).patch("/api/api-keys/" + c.id()).then().statusCode(200);
        given().header("X-API-Key", c.key()).get("/api/auth/me").then().statusCode(200);
        org.request().delete("/api/api-keys/" + c.id()).then().statusCode(204);
        given().header("X-API-Key", c.key()).get("/api/auth/me").then().statusCode(401);
        org.request().get("/api/api-keys/" + c.id()).then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
        org.request().delete("/api/api-keys/" + c.id()).then().statusCode(404);
    }

    @Test
    void onlyAdminsAndOrganizersCreateKeysAndEachSeesOnlyTheirOwn() {
        Fixtures.user().request().body(Map.of("name", "x", "scopes", List.of("READ"))).post("/api/api-keys")
                .then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
        Fixtures.Account org = Fixtures.organizer();
        Fixtures.Account other = Fixtures.organizer();
        Created mine = create(org, "READ");
        Created theirs = create(other, "READ");
        org.request().get("/api/api-keys").then().statusCode(200)
                .body("data.id", hasItem(mine.id()))
                .body("data.id", not(hasItem(theirs.id())))
                .body("meta.total", equalTo(1));
        org.request().get("/api/api-keys/" + theirs.id()).then().statusCode(404);
        org.request().post("/api/api-keys/" + theirs.id() + "/revoke").then().statusCode(404);
        org.request().get("/api/api-keys/not-a-uuid").then().statusCode(404);
        Fixtures.Account admin = Fixtures.admin();
        admin.request().get("/api/api-keys?limit=100").then().statusCode(200).body("meta.total",
                greaterThanOrEqualTo(2));
        admin.request().get("/api/api-keys/" + theirs.id()).then().statusCode(200);
        org.request().get("/api/api-keys/stats").then().statusCode(200)
                .body("total", equalTo(1)).body("active", equalTo(1)).body("byTier.FREE", equalTo(1));
    }

    @Test
    void creationIsValidatedAndAdminOnlyOptionsAreRefusedToOrganizers() {
        Fixtures.Account org = Fixtures.organizer();
        org.request().body(Map.of("name", "x", "scopes", List.of())).post("/api/api-keys").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"));
        org.request().body(Map.of("name", "x", "scopes", List.of("SUPERUSER"))).post("/api/api-keys").then()
                .statusCode(400);
        org.request().body(Map.of("scopes", List.of("READ"))).post("/api/api-keys").then().statusCode(400);
        org.request().body(Map.of("name", "x", "scopes", List.of("READ"), "ipWhitelist", List.of("example.com")))
                .post("/api/api-keys").then().statusCode(400).body("details.fields[0].field", equalTo("ipWhitelist"));
        org.request().body(Map.of("name", "x", "scopes", List.of("READ"), "expiresAt", "2001-01-01T00:00:00Z"))
                .post("/api/api-keys").then().statusCode(400);
        org.request().body(Map.of("name", "x", "scopes", List.of("ADMIN"))).post("/api/api-keys").then()
                .statusCode(403).body("errorCode", equalTo("ERR_3001"));
        org.request().body(Map.of("name", "x", "scopes", List.of("READ"), "tier", "PRO")).post("/api/api-keys")
                .then().statusCode(403);
        Fixtures.Account admin = Fixtures.admin();
        create(admin, Map.of("scopes", List.of("ADMIN"), "tier", "enterprise")).response().then()
                .body("apiKey.tier", equalTo("ENTERPRISE")).body("apiKey.scopes", equalTo(List.of("ADMIN")));
    }

    @Test
    void anAdminsKeyNeedsTheAdminScopeToActAsAdmin() {
        Fixtures.Account admin = Fixtures.admin();
        String plain = create(admin, "READ").key();
        given().header("X-API-Key", plain).get("/api/users").then().statusCode(403);
        String full = create(admin, "ADMIN").key();
        given().header("X-API-Key", full).get("/api/users").then().statusCode(200);
        // no key manages keys or credentials, whatever its scopes
        given().header("X-API-Key", full).contentType(ContentType.JSON)
                .body(Map.of("name", "minted", "scopes", List.of("ADMIN"))).post("/api/api-keys").then().statusCode(403);
        given().header("X-API-Key", full).get("/api/api-keys").then().statusCode(403);
        given().header("X-API-Key", full).post("/api/auth/logout").then().statusCode(403);
    }

    @Test
    void aKeyBoundToAFestivalIsRefusedOnTheOrganisersOtherFestivals() {
        Fixtures.Account org = Fixtures.organizer();
        UUID bound = Fixtures.festival(org);
        UUID other = Fixtures.festival(org);
        Created c = create(org, Map.of("scopes", List.of("READ", "WRITE"), "festivalId", bound.toString()));
        c.response().then().body("apiKey.festivalId", equalTo(bound.toString()));
        given().header("X-API-Key", c.key()).get("/api/festivals/" + bound + "/stats").then().statusCode(200);
        given().header("X-API-Key", c.key()).get("/api/festivals/" + other + "/stats").then().statusCode(403)
                .body("errorCode", equalTo("ERR_3002"));
        given().header("X-API-Key", c.key()).contentType(ContentType.JSON).body(Map.of("description", "via key"))
                .patch("/api/festivals/" + other).then().statusCode(403).body("errorCode", equalTo("ERR_3002"));
        given().header("X-API-Key", c.key()).contentType(ContentType.JSON).body(Map.of("description", "via key"))
                .patch("/api/festivals/" + bound).then().statusCode(200).body("description", equalTo("via key"));
        given().header("X-API-Key", c.key()).get("/api/admin/festivals").then().statusCode(403);
        // creation and revocation are audit entries of the festival, readable by its org
        org.request().post("/api/api-keys/" + c.id() + "/revoke").then().statusCode(204);
        org.request().get("/api/festivals/" + bound + "/audit-logs?action=api_key").then().statusCode(200)
                .body("data.action", equalTo(List.of("api_key.revoked", "api_key.created")))
                .body("data[1].details.keyId", equalTo(c.id()))
                .body("data[1].actorId", equalTo(org.id().toString()));
        // the binding needs org rights on the festival
        Fixtures.Account stranger = Fixtures.organizer();
        stranger.request().body(Map.of("name", "x", "scopes", List.of("READ"), "festivalId", bound.toString()))
                .post("/api/api-keys").then().statusCode(403);
    }

    @Test
    void anAllowListAdmitsOnlyItsAddresses() {
        Fixtures.Account org = Fixtures.organizer();
        String key = create(org, Map.of("scopes", List.of("READ"), "ipWhitelist", List.of("10.9.0.0/16", "2001:db8::1")))
                .key();
        given().header("X-Forwarded-For", "10.9.4.2").header("X-API-Key", key).get("/api/auth/me").then().statusCode(200);
        given().header("X-Forwarded-For", "10.8.4.2").header("X-API-Key", key).get("/api/auth/me").then().statusCode(401);
        given().header("X-Forwarded-For", "2001:db8::1").header("X-API-Key", key).get("/api/auth/me").then()
                .statusCode(200);
    }

    @Test
    void usageCountAndLastUseAreKeptAndWrittenInBatches() {
        Fixtures.Account org = Fixtures.organizer();
        Created c = create(org, "READ");
        for (int i = 0; i < 3; i++) {
            given().header("X-API-Key", c.key()).get("/api/auth/me").then().statusCode(200);
        }
        org.request().get("/api/api-keys/" + c.id()).then().statusCode(200)
                .body("usageCount", equalTo(3)).body("lastUsedAt", notNullValue());
        Arc.container().instance(ApiKeyUsage.class).get().flush().await().atMost(Duration.ofSeconds(10));
        Row stored = row("SELECT usage_count, last_used_at FROM api_keys WHERE id = $1", UUID.fromString(c.id()));
        assertEquals(3L, stored.getLong("usage_count"));
        assertNotNull(stored.getOffsetDateTime("last_used_at"));
        org.request().get("/api/api-keys/" + c.id()).then().body("usageCount", equalTo(3));
    }

    @Test
    void aFreeKeyIsLimitedToItsTierAcrossEndpoints() {
        Fixtures.Account org = Fixtures.organizer();
        String key = create(org, "READ").key();
        try (var on = RateLimits.on()) {
            for (int i = 0; i < 60; i++) {
                given().header("X-Forwarded-For", RateLimits.uniqueAddress()).header("X-API-Key", key)
                        .get(i % 2 == 0 ? "/api/auth/me" : "/api/admin/festivals").then().statusCode(200);
            }
            Response over = given().header("X-API-Key", key).get("/api/auth/me");
            over.then().statusCode(429).body("errorCode", equalTo("ERR_1005"))
                    .header("X-RateLimit-Limit", "60").header("Retry-After", notNullValue());
        }
    }

    @Test
    void theOpenApiDocumentListsTheKeyEndpoints() {
        given().get("/api/docs-json").then().statusCode(200)
                .body("paths.'/api/api-keys'.post.responses.'201'", notNullValue())
                .body("paths.'/api/api-keys/{id}/revoke'.post.responses.'204'", notNullValue())
                .body("paths.'/api/api-keys/stats'.get", notNullValue())
                .body("paths.'/api/api-keys/{id}'.keySet()", hasItem("patch"));
        assertTrue(ApiKeyService.newKey().startsWith("fst_"));
        given().get("/api").then().body("docs", startsWith("/api/docs"));
    }
}
