package dev.festival.users;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.festival.common.security.Role;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** API.md "Users": listing, search, creation, reading and editing accounts. */
@QuarkusTest
class UsersResourceTest {

    /** A last name no other test uses, so list filters can be asserted exactly. */
    private static String marker() {
        return "Mk" + Long.toString(System.nanoTime(), 36);
    }

    private static String createUser(Account admin, String email, String firstName, String lastName, String role) {
        return admin.request()
                .body(Map.of("email", email, "password", Fixtures.PASSWORD, "firstName", firstName,
                        "lastName", lastName, "role", role))
                .post("/api/users")
                .then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void adminListsUsersWithFiltersAndPageMeta() {
        Account admin = Fixtures.admin();
        String mark = marker();
        createUser(admin, Fixtures.uniqueEmail("alpha"), "Alice", mark, "USER");
        createUser(admin, Fixtures.uniqueEmail("bravo"), "Bob", mark, "user");
        createUser(admin, Fixtures.uniqueEmail("charlie"), "Carol", mark, "ORGANIZER");

        admin.request().queryParam("search", mark.toUpperCase()).queryParam("limit", 2)
                .queryParam("sort", "firstName:asc")
                .get("/api/users")
                .then().statusCode(200)
                .body("data", hasSize(2))
                .body("data.firstName", contains("Alice", "Bob"))
                .body("meta.total", equalTo(3))
                .body("meta.page", equalTo(1))
                .body("meta.limit", equalTo(2))
                .body("meta.totalPages", equalTo(2))
                .body("meta.hasNextPage", equalTo(true))
                .body("meta.hasPreviousPage", equalTo(false))
                .body("data[0]", not(hasKey("passwordHash")));

        admin.request().queryParam("search", mark).queryParam("page", 2).queryParam("limit", 2)
                .queryParam("sortBy", "firstName").queryParam("sortOrder", "asc")
                .get("/api/users")
                .then().statusCode(200)
                .body("data.firstName", contains("Carol"))
                .body("meta.hasPreviousPage", equalTo(true))
                .body("meta.hasNextPage", equalTo(false));

        admin.request().queryParam("search", mark).queryParam("role", "organizer")
                .get("/api/users")
                .then().statusCode(200)
                .body("meta.total", equalTo(1))
                .body("data[0].firstName", equalTo("Carol"))
                .body("data[0].role", equalTo("ORGANIZER"));

        admin.request().queryParam("search", mark).queryParam("status", "Active")
                .get("/api/users")
                .then().statusCode(200)
                .body("meta.total", equalTo(3))
                .body("data.status", everyItem(equalTo("ACTIVE")));

        admin.request().queryParam("search", mark).queryParam("status", "banned")
                .get("/api/users")
                .then().statusCode(200)
                .body("meta.total", equalTo(0))
                .body("data", hasSize(0));

        admin.request().queryParam("search", mark).queryParam("offset", 1).queryParam("limit", 1)
                .queryParam("sort", "firstName:desc")
                .get("/api/users")
                .then().statusCode(200)
                .body("data.firstName", contains("Bob"))
                .body("meta.page", equalTo(2));
    }

    @Test
    void adminFiltersUsersByEmail() {
        Account admin = Fixtures.admin();
        String email = Fixtures.uniqueEmail("needle");
        String id = createUser(admin, email, "Nina", marker(), "USER");
        admin.request().queryParam("email", email.toUpperCase())
                .get("/api/users")
                .then().statusCode(200)
                .body("meta.total", equalTo(1))
                .body("data[0].id", equalTo(id))
                .body("data[0].email", equalTo(email));
    }

    @Test
    void adminFiltersUsersByFestivalMembership() {
        Account admin = Fixtures.admin();
        Account owner = Fixtures.organizer();
        Account member = Fixtures.account(Role.STAFF);
        Fixtures.user();
        UUID festival = UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.now().plusDays(30);
        Fixtures.sql("""
                INSERT INTO festivals (id, name, slug, location, start_date, end_date, organizer_id)
                VALUES ($1, 'Users filter fest', $2, 'Lyon', $3, $4, $5)""",
                Tuple.of(festival, "users-filter-" + festival, start, start.plusDays(2), owner.id()));
        Fixtures.sql("INSERT INTO festival_members (festival_id, user_id, role) VALUES ($1, $2, 'STAFF')",
                Tuple.of(festival, member.id()));

        admin.request().queryParam("festivalId", festival.toString())
                .get("/api/users")
                .then().statusCode(200)
                .body("meta.total", equalTo(1))
                .body("data[0].id", equalTo(member.id().toString()));

        admin.request().queryParam("festivalId", "not-a-uuid")
                .get("/api/users")
                .then().statusCode(400)
                .body("errorCode", equalTo("ERR_4003"));
    }

    @Test
    void unknownStatusOrRoleFilterIsABadQueryParameter() {
        Account admin = Fixtures.admin();
        admin.request().queryParam("status", "sleeping").get("/api/users")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4003"));
        admin.request().queryParam("role", "wizard").get("/api/users")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4003"));
    }

    @Test
    void badPageOrLimitIsABadQueryParameter() {
        Account admin = Fixtures.admin();
        for (Map<String, Object> q : List.<Map<String, Object>>of(Map.of("page", 0), Map.of("page", "x"),
                Map.of("limit", 0), Map.of("limit", 101), Map.of("limit", "many"), Map.of("offset", -1))) {
            admin.request().queryParams(q).get("/api/users")
                    .then().statusCode(400)
                    .body("errorCode", equalTo("ERR_4003"));
        }
    }

    @Test
    void userCannotListUsers() {
        Fixtures.user().request().get("/api/users")
                .then().statusCode(403)
                .body("errorCode", equalTo("ERR_3001"));
    }

    @Test
    void anonymousCannotListUsers() {
        given().get("/api/users")
                .then().statusCode(401)
                .body("statusCode", equalTo(401));
    }

    @Test
    void organizerSearchAnswersABareArray() {
        Account admin = Fixtures.admin();
        String mark = marker();
        String id = createUser(admin, Fixtures.uniqueEmail("searched"), "Sam", mark, "USER");
        Account organizer = Fixtures.organizer();

        organizer.request().queryParam("q", mark.toLowerCase()).get("/api/users/search")
                .then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(id))
                .body("[0].lastName", equalTo(mark))
                .body("[0]", not(hasKey("passwordHash")));

        organizer.request().queryParam("q", "").get("/api/users/search")
                .then().statusCode(200).body("$", hasSize(0));
        organizer.request().get("/api/users/search")
                .then().statusCode(200).body("$", hasSize(0));
        organizer.request().queryParam("q", mark).queryParam("limit", 0).get("/api/users/search")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4003"));
        organizer.request().queryParam("q", mark).queryParam("limit", 101).get("/api/users/search")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4003"));
    }

    @Test
    void searchWildcardsAreTakenLiterally() {
        Account admin = Fixtures.admin();
        admin.request().queryParam("q", "%").queryParam("limit", 100).get("/api/users/search")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void userCannotSearchUsers() {
        Fixtures.user().request().queryParam("q", "a").get("/api/users/search")
                .then().statusCode(403).body("errorCode", equalTo("ERR_3001"));
    }

    @Test
    void adminCreatesAnActiveUserWhoCanSignIn() {
        Account admin = Fixtures.admin();
        String email = Fixtures.uniqueEmail("created");
        admin.request()
                .body(Map.of("email", "  " + email.toUpperCase() + " ", "password", Fixtures.PASSWORD,
                        "firstName", "Cleo", "lastName", "Created", "role", "staff"))
                .post("/api/users")
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("email", equalTo(email))
                .body("role", equalTo("STAFF"))
                .body("status", equalTo("ACTIVE"))
                .body("$", not(hasKey("passwordHash")))
                .body("$", not(hasKey("password")));

        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", Fixtures.PASSWORD))
                .post("/api/auth/login")
                .then().statusCode(200)
                .body("user.role", equalTo("STAFF"));

        admin.request()
                .body(Map.of("email", email, "password", Fixtures.PASSWORD, "firstName", "Cleo",
                        "lastName", "Again"))
                .post("/api/users")
                .then().statusCode(409)
                .body("errorCode", equalTo("ERR_5002"));
    }

    @Test
    void adminCreateWithAWeakPasswordIsRejected() {
        Fixtures.admin().request()
                .body(Map.of("email", Fixtures.uniqueEmail("weak"), "password", "password",
                        "firstName", "Wes", "lastName", "Weak"))
                .post("/api/users")
                .then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields.field", hasItem("password"));
    }

    @Test
    void adminCreateWithAnUnknownRoleIsRejected() {
        Fixtures.admin().request()
                .body(Map.of("email", Fixtures.uniqueEmail("role"), "password", Fixtures.PASSWORD,
                        "firstName", "Rex", "lastName", "Role", "role", "emperor"))
                .post("/api/users")
                .then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields.field", hasItem("role"));
    }

    @Test
    void nonAdminCannotCreateUsers() {
        Fixtures.organizer().request()
                .body(Map.of("email", Fixtures.uniqueEmail("nope"), "password", Fixtures.PASSWORD,
                        "firstName", "No", "lastName", "Pe"))
                .post("/api/users")
                .then().statusCode(403)
                .body("errorCode", equalTo("ERR_3001"));
    }

    @Test
    void userReadsThemselfButNotAnotherUser() {
        Account user = Fixtures.user();
        Account other = Fixtures.user();
        user.request().get("/api/users/" + user.id())
                .then().statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("email", equalTo(user.email()))
                .body("$", not(hasKey("passwordHash")));
        user.request().get("/api/users/me")
                .then().statusCode(200)
                .body("id", equalTo(user.id().toString()));
        user.request().get("/api/users/" + other.id())
                .then().statusCode(403)
                .body("errorCode", equalTo("ERR_3001"));
    }

    @Test
    void adminReadsAnyUser() {
        Account user = Fixtures.user();
        Fixtures.admin().request().get("/api/users/" + user.id())
                .then().statusCode(200)
                .body("id", equalTo(user.id().toString()))
                .body("role", equalTo("USER"));
    }

    @Test
    void nonUuidUserIdIsABadPathParameter() {
        Account admin = Fixtures.admin();
        admin.request().get("/api/users/not-a-uuid")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4004"));
        admin.request().body(Map.of("reason", "x")).post("/api/users/123/ban")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4004"));
        admin.request().delete("/api/users/abc")
                .then().statusCode(400).body("errorCode", equalTo("ERR_4004"));
    }

    @Test
    void unknownUserIdIsNotFound() {
        Account admin = Fixtures.admin();
        String unknown = UUID.randomUUID().toString();
        admin.request().get("/api/users/" + unknown)
                .then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
        admin.request().body(Map.of("firstName", "Ghost")).patch("/api/users/" + unknown)
                .then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
        admin.request().post("/api/users/" + unknown + "/deactivate")
                .then().statusCode(404).body("errorCode", equalTo("ERR_5001"));
    }

    @Test
    void userEditsTheirOwnNameByIdAndThroughMe() {
        Account user = Fixtures.user();
        user.request().body(Map.of("firstName", "Renamed", "lastName", "Person", "rememberMe", true))
                .patch("/api/users/" + user.id())
                .then().statusCode(200)
                .body("firstName", equalTo("Renamed"))
                .body("lastName", equalTo("Person"));
        user.request().body(Map.of("firstName", "Again", "phone", "+33 6 12 34 56 78"))
                .put("/api/users/" + user.id())
                .then().statusCode(200)
                .body("firstName", equalTo("Again"))
                .body("lastName", equalTo("Person"))
                .body("phone", equalTo("+33 6 12 34 56 78"));
        user.request().body(Map.of("lastName", "Viame", "avatarUrl", "https://cdn.test/a.png", "role", "ADMIN"))
                .patch("/api/users/me")
                .then().statusCode(200)
                .body("firstName", equalTo("Again"))
                .body("lastName", equalTo("Viame"))
                .body("avatarUrl", equalTo("https://cdn.test/a.png"))
                .body("role", equalTo("USER"));
        Fixtures.admin().request().get("/api/users/" + user.id())
                .then().statusCode(200)
                .body("lastName", equalTo("Viame"));
    }

    @Test
    void userCannotEditAnotherUser() {
        Account user = Fixtures.user();
        Account other = Fixtures.user();
        user.request().body(Map.of("firstName", "Hacked"))
                .patch("/api/users/" + other.id())
                .then().statusCode(403)
                .body("errorCode", equalTo("ERR_3001"));
    }

    @Test
    void userCannotChangeTheirOwnRoleOrStatus() {
        Account user = Fixtures.user();
        user.request().body(Map.of("role", "ADMIN"))
                .patch("/api/users/" + user.id())
                .then().statusCode(403)
                .body("errorCode", equalTo("ERR_3001"));
        user.request().body(Map.of("status", "ACTIVE", "role", "admin"))
                .put("/api/users/" + user.id())
                .then().statusCode(403)
                .body("errorCode", equalTo("ERR_3001"));
        // Sending the current values back (a whole-object PUT) is not a change.
        user.request().body(Map.of("role", "USER", "status", "ACTIVE", "firstName", "Same"))
                .put("/api/users/" + user.id())
                .then().statusCode(200)
                .body("role", equalTo("USER"))
                .body("firstName", equalTo("Same"));
        Fixtures.admin().request().get("/api/users/" + user.id())
                .then().body("role", equalTo("USER"));
    }

    @Test
    void emailChangeIsNormalisedAndADuplicateIsAConflict() {
        Account user = Fixtures.user();
        Account other = Fixtures.user();
        String fresh = Fixtures.uniqueEmail("moved");
        user.request().body(Map.of("email", " " + fresh.toUpperCase() + " "))
                .patch("/api/users/" + user.id())
                .then().statusCode(200)
                .body("email", equalTo(fresh))
                .body("emailVerified", equalTo(false));
        user.request().body(Map.of("email", other.email()))
                .patch("/api/users/" + user.id())
                .then().statusCode(409)
                .body("errorCode", equalTo("ERR_5002"));
        user.request().body(Map.of("email", "not-an-email"))
                .patch("/api/users/" + user.id())
                .then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"));
    }

    @Test
    void blankNameIsAValidationError() {
        Account user = Fixtures.user();
        user.request().body(Map.of("firstName", "   "))
                .patch("/api/users/me")
                .then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields.field", hasItem("firstName"));
    }

    @Test
    void everyUsersEndpointIsDocumentedWithRolesAndErrors() {
        io.restassured.response.Response doc = given().accept(ContentType.JSON).get("/api/docs-json");
        doc.then().statusCode(200);
        for (String op : List.of("/api/users get", "/api/users post", "/api/users/search get", "/api/users/me get",
                "/api/users/me patch", "/api/users/{id} get", "/api/users/{id} put", "/api/users/{id} patch",
                "/api/users/{id} delete", "/api/users/{id}/role patch", "/api/users/{id}/deactivate post",
                "/api/users/{id}/reactivate post", "/api/users/{id}/ban post", "/api/users/{id}/unban post")) {
            String[] parts = op.split(" ");
            String base = "paths.'" + parts[0] + "'." + parts[1];
            doc.then().body(base + ".tags", hasItem("Users"))
                    .body(base + ".description", org.hamcrest.Matchers.containsString("Roles:"))
                    .body(base + ".responses", hasKey("401"));
        }
        doc.then().body("paths.'/api/users/{id}'.get.responses", hasKey("400"))
                .body("paths.'/api/users/{id}'.get.responses", hasKey("404"))
                .body("paths.'/api/users'.get.responses", hasKey("403"));
    }

    @Test
    void bodyIsValidatedBeforeTheRoleIsDecided() {
        Account user = Fixtures.user();
        Account other = Fixtures.user();
        user.request()
                .body(Map.of("email", Fixtures.uniqueEmail("order"), "password", "short",
                        "firstName", "Or", "lastName", "Der"))
                .post("/api/users")
                .then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields.field", hasItem("password"));
        user.request().body(Map.of("role", "emperor"))
                .patch("/api/users/" + other.id())
                .then().statusCode(400)
                .body("errorCode", equalTo("ERR_4001"))
                .body("details.fields.field", hasItem("role"));
        user.request().body(Map.of("role", "ADMIN"))
                .patch("/api/users/" + other.id() + "/role")
                .then().statusCode(403)
                .body("errorCode", equalTo("ERR_3001"));
    }
}
