package dev.festival.festivals;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FestivalListTest {

    @Test
    void publicListHidesDraftsAndFiltersByStatusInAnyCase() {
        Account org = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        String draft = FestivalSupport.createDraft(org, "Hidden " + word);
        String published = FestivalSupport.createPublished(org, "Shown " + word);
        String cancelled = FestivalSupport.createPublished(org, "Called off " + word);
        org.request().post("/api/festivals/" + cancelled + "/cancel").then().statusCode(200);

        given().get("/api/festivals?search=" + word).then().statusCode(200)
                .body("meta.total", equalTo(1))
                .body("data.id", contains(published));
        given().get("/api/festivals?status=published&search=" + word).then().statusCode(200)
                .body("data.id", contains(published));
        given().get("/api/festivals?status=Cancelled&search=" + word).then().statusCode(200)
                .body("data.id", contains(cancelled));
        given().get("/api/festivals?status=DRAFT&search=" + word).then().statusCode(200)
                .body("meta.total", equalTo(0))
                .body("data", hasSize(0));
        given().get("/api/festivals?status=nonsense").then().statusCode(400)
                .body("errorCode", equalTo("ERR_4003"));
        // the admin list shows every status to the owner
        org.request().get("/api/admin/festivals?search=" + word).then().statusCode(200)
                .body("meta.total", equalTo(3))
                .body("data.id", hasItem(draft));
    }

    @Test
    void searchIsCaseInsensitiveOverNameDescriptionAndLocation() {
        Account org = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        Map<String, Object> byName = FestivalSupport.body("Name " + word.toUpperCase());
        Map<String, Object> byDescription = FestivalSupport.body("Other");
        byDescription.put("description", "All about " + word + " and more");
        Map<String, Object> byLocation = FestivalSupport.body("Elsewhere");
        byLocation.put("location", "Parc " + word);
        String a = FestivalSupport.createPublished(org, byName);
        String b = FestivalSupport.createPublished(org, byDescription);
        String c = FestivalSupport.createPublished(org, byLocation);
        given().get("/api/festivals?search=" + word.toUpperCase()).then().statusCode(200)
                .body("meta.total", equalTo(3))
                .body("data.id", hasItem(a)).body("data.id", hasItem(b)).body("data.id", hasItem(c));
    }

    @Test
    void paginationMetaIsCorrect() {
        Account org = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        for (int i = 0; i < 3; i++) {
            FestivalSupport.createPublished(org, "Paged " + i + " " + word);
        }
        given().get("/api/festivals?limit=2&search=" + word).then().statusCode(200)
                .body("data", hasSize(2))
                .body("meta.total", equalTo(3))
                .body("meta.page", equalTo(1))
                .body("meta.limit", equalTo(2))
                .body("meta.totalPages", equalTo(2))
                .body("meta.hasNextPage", equalTo(true))
                .body("meta.hasPreviousPage", equalTo(false));
        given().get("/api/festivals?page=2&limit=2&search=" + word).then().statusCode(200)
                .body("data", hasSize(1))
                .body("meta.page", equalTo(2))
                .body("meta.hasNextPage", equalTo(false))
                .body("meta.hasPreviousPage", equalTo(true));
        given().get("/api/festivals?offset=2&limit=2&search=" + word).then().statusCode(200)
                .body("data", hasSize(1))
                .body("meta.page", equalTo(2));
        given().get("/api/festivals?page=5&limit=2&search=" + word).then().statusCode(200)
                .body("data", hasSize(0))
                .body("meta.total", equalTo(3));
    }

    @Test
    void badPagingParametersAre400() {
        for (String q : List.of("limit=0", "limit=1000", "page=abc", "page=0", "offset=-1", "sortOrder=sideways",
                "organizerId=nope", "startDateFrom=yesterday")) {
            given().get("/api/festivals?" + q).then().statusCode(400)
                    .body("errorCode", equalTo("ERR_4003"));
        }
    }

    @Test
    void upcomingFestivalsComeFirstAndSortingIsAccepted() {
        Account org = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        Map<String, Object> past = FestivalSupport.body("A past " + word);
        past.put("startDate", "2020-07-10T10:00:00Z");
        past.put("endDate", "2020-07-12T10:00:00Z");
        Map<String, Object> later = FestivalSupport.body("B later " + word);
        later.put("startDate", "2033-07-10T10:00:00Z");
        later.put("endDate", "2033-07-12T10:00:00Z");
        Map<String, Object> soon = FestivalSupport.body("C soon " + word);
        soon.put("startDate", "2032-07-10T10:00:00Z");
        soon.put("endDate", "2032-07-12T10:00:00Z");
        String pastId = FestivalSupport.createPublished(org, past);
        String laterId = FestivalSupport.createPublished(org, later);
        String soonId = FestivalSupport.createPublished(org, soon);

        given().get("/api/festivals?search=" + word).then().statusCode(200)
                .body("data.id", contains(soonId, laterId, pastId));
        given().get("/api/festivals?sort=name:desc&search=" + word).then().statusCode(200)
                .body("data.id", contains(soonId, laterId, pastId));
        given().get("/api/festivals?sortBy=startDate&sortOrder=asc&search=" + word).then().statusCode(200)
                .body("data.id", contains(pastId, soonId, laterId));
        given().get("/api/festivals?startDateFrom=2032-01-01&startDateTo=2032-12-31&search=" + word)
                .then().statusCode(200)
                .body("data.id", contains(soonId));
    }

    @Test
    void filtersByOrganizerCountryAndGenre() {
        Account org = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        Map<String, Object> body = FestivalSupport.body("Filtered " + word);
        body.put("country", "France");
        body.put("genres", List.of("Jazz", "Blues"));
        String id = FestivalSupport.createPublished(org, body);
        FestivalSupport.createPublished(Fixtures.organizer(), "Other owner " + word);

        given().get("/api/festivals?organizerId=" + org.id() + "&search=" + word).then().statusCode(200)
                .body("data.id", contains(id));
        given().get("/api/festivals?country=france&search=" + word).then().statusCode(200)
                .body("data.id", contains(id));
        given().get("/api/festivals?genre=JAZZ&search=" + word).then().statusCode(200)
                .body("data.id", contains(id));
        given().get("/api/festivals?genre=metal&search=" + word).then().statusCode(200)
                .body("meta.total", equalTo(0));
    }

    @Test
    void adminListShowsAllToAdminAndOnlyTheirOwnToAnOrganizer() {
        Account a = Fixtures.organizer();
        Account b = Fixtures.organizer();
        String word = FestivalSupport.uniqueWord();
        String mine = FestivalSupport.createDraft(a, "Mine " + word);
        String theirs = FestivalSupport.createDraft(b, "Theirs " + word);
        a.request().get("/api/admin/festivals?search=" + word).then().statusCode(200)
                .body("data.id", contains(mine));
        Fixtures.admin().request().get("/api/admin/festivals?status=draft&search=" + word).then().statusCode(200)
                .body("meta.total", equalTo(2))
                .body("data.id", hasItem(theirs));
        Fixtures.user().request().get("/api/admin/festivals").then().statusCode(403);
        given().get("/api/admin/festivals").then().statusCode(401);
    }

    @Test
    void featuredListsOnlyFeaturedPublicFestivals() {
        Account admin = Fixtures.admin();
        String word = FestivalSupport.uniqueWord();
        Map<String, Object> body = FestivalSupport.body("Star " + word);
        body.put("isFeatured", true);
        String featured = FestivalSupport.createPublished(admin, body);
        Map<String, Object> draftBody = FestivalSupport.body("Star draft " + word);
        draftBody.put("isFeatured", true);
        String draft = FestivalSupport.createDraft(admin, draftBody);
        given().get("/api/festivals/featured?limit=100").then().statusCode(200)
                .body("data.id", hasItem(featured))
                .body("data.id", not(hasItem(draft)))
                .body("data.isFeatured", everyItem(equalTo(true)));
        given().get("/api/festivals/featured?limit=0").then().statusCode(400);
    }
}
