package dev.festival.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.festival.payments.PaymentTestSupport.createIntent;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = StripeMock.class, scope = TestResourceScope.GLOBAL)
class PaymentIntentTest {

    private static com.github.tomakehurst.wiremock.stubbing.StubMapping failWhenDescribed(String marker,
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        return StripeMock.server().stubFor(post(urlEqualTo("/v1/payment_intents")).atPriority(1)
                .withRequestBody(containing("description=" + marker)).willReturn(answer));
    }

    @Test
    void intentAnswers201AndSendsTheAmountToStripeInCents() {
        Account user = Fixtures.user();
        UUID festival = Fixtures.festival(Fixtures.organizer(), "EUR");
        String marker = "intent-shape-" + UUID.randomUUID();
        Response r = createIntent(user, Map.of("amount", new BigDecimal("12.5"), "festivalId", festival.toString(),
                "description", marker, "purpose", "cashless_topup"));
        r.then().statusCode(201)
                .body("paymentId", not(emptyOrNullString()))
                .body("paymentIntentId", startsWith("pi_"))
                .body("clientSecret", startsWith("pi_secret_"))
                .body("amount", equalTo(12.5f))
                .body("currency", equalTo("EUR"))
                .body("status", equalTo("PENDING"));
        StripeMock.server().verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("amount=1250"))
                .withRequestBody(containing("currency=eur"))
                .withRequestBody(containing("description=" + marker))
                .withRequestBody(containing("metadata[paymentId]=" + r.path("paymentId")).or(
                        containing("metadata%5BpaymentId%5D=" + r.path("paymentId"))))
                .withHeader("Idempotency-Key", com.github.tomakehurst.wiremock.client.WireMock.equalTo("pi-create-" + r.path("paymentId"))));

        // The payment is readable, in decimal units, and the client secret is not repeated.
        user.request().get("/api/payments/" + r.path("paymentId")).then().statusCode(200)
                .body("amount", equalTo(12.5f))
                .body("purpose", equalTo("CASHLESS_TOPUP"))
                .body("provider", equalTo("STRIPE"))
                .body("providerPaymentId", equalTo(r.path("paymentIntentId")))
                .body("clientSecret", nullValue())
                .body("paidAt", nullValue());
    }

    @Test
    void createIntentAliasWorksToo() {
        Account user = Fixtures.user();
        user.request().body(Map.of("amount", 3)).post("/api/payments/create-intent").then().statusCode(201)
                .body("amount", equalTo(3)).body("currency", equalTo("EUR"));
    }

    @Test
    void zeroNegativeOrMissingAmountIs400() {
        Account user = Fixtures.user();
        for (Object amount : List.of(0, -5, "abc")) {
            createIntent(user, Map.of("amount", amount)).then().statusCode(400);
        }
        createIntent(user, Map.of("currency", "EUR")).then().statusCode(400).body("errorCode", equalTo("ERR_4001"))
                .body("details.fields[0].field", equalTo("amount"));
        createIntent(user, Map.of("amount", new BigDecimal("1.001"))).then().statusCode(400);
    }

    @Test
    void onlyAdminMayCreateAnIntentForAnotherUser() {
        Account user = Fixtures.user();
        Account other = Fixtures.user();
        createIntent(user, Map.of("amount", 5, "userId", other.id().toString())).then().statusCode(403);
        createIntent(user, Map.of("amount", 5, "userId", user.id().toString())).then().statusCode(201);
        Account admin = Fixtures.admin();
        String id = createIntent(admin, Map.of("amount", 5, "userId", other.id().toString())).then().statusCode(201)
                .extract().path("paymentId");
        other.request().get("/api/payments/" + id).then().statusCode(200).body("userId", equalTo(other.id().toString()));
    }

    @Test
    void sameIdempotencyKeyAnswersTheFirstIntentAndAnotherBodyIs409() {
        Account user = Fixtures.user();
        String key = UUID.randomUUID().toString();
        Response first = user.request().header("Idempotency-Key", key).body(Map.of("amount", 7))
                .post("/api/payments/intent");
        first.then().statusCode(201);
        Response again = user.request().header("Idempotency-Key", key).body(Map.of("amount", 7))
                .post("/api/payments/intent");
        again.then().statusCode(201)
                .body("paymentId", equalTo(first.path("paymentId")))
                .body("paymentIntentId", equalTo(first.path("paymentIntentId")))
                .body("clientSecret", equalTo(first.path("clientSecret")));
        user.request().header("Idempotency-Key", key).body(Map.of("amount", 8)).post("/api/payments/intent")
                .then().statusCode(409).body("errorCode", equalTo("ERR_5007"));
        assertEquals(1, PaymentTestSupport.count("SELECT count(*) FROM payments WHERE user_id = $1",
                Tuple.of(user.id())));
    }

    @Test
    void stripe500sAreRetriedThenAnswer503() {
        String marker = "five-hundred-" + UUID.randomUUID();
        failWhenDescribed(marker, aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"api_error\", \"message\": \"internal\"}}"));
        Account user = Fixtures.user();
        createIntent(user, Map.of("amount", 10, "description", marker)).then().statusCode(503)
                .body("errorCode", equalTo("ERR_6002"));
        StripeMock.server().verify(3, postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("description=" + marker)));
        // All attempts carried the same Stripe idempotency key, so the retries were safe.
        List<String> keys = StripeMock.server().findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("description=" + marker))).stream()
                .map(req -> req.getHeader("Idempotency-Key")).distinct().toList();
        assertEquals(1, keys.size());
        assertEquals("FAILED", PaymentTestSupport.query("SELECT status FROM payments WHERE user_id = $1",
                Tuple.of(user.id())).iterator().next().getString(0));
    }

    @Test
    void stripeUnreachableAnswers503() {
        String marker = "reset-" + UUID.randomUUID();
        failWhenDescribed(marker, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        createIntent(Fixtures.user(), Map.of("amount", 10, "description", marker)).then().statusCode(503)
                .body("errorCode", equalTo("ERR_6002"));
    }

    @Test
    void stripeTooSlowAnswers503() {
        String marker = "slow-" + UUID.randomUUID();
        failWhenDescribed(marker, aResponse().withStatus(200).withFixedDelay(4000).withBody("{}"));
        createIntent(Fixtures.user(), Map.of("amount", 10, "description", marker)).then().statusCode(503)
                .body("errorCode", equalTo("ERR_6002"));
    }

    @Test
    void cardErrorAnswers502WithStripesCardholderMessageAndIsNotRetried() {
        String marker = "declined-" + UUID.randomUUID();
        failWhenDescribed(marker, aResponse().withStatus(402).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds",
                                   "message": "Your card has insufficient funds."}}"""));
        createIntent(Fixtures.user(), Map.of("amount", 10, "description", marker)).then().statusCode(502)
                .body("errorCode", equalTo("ERR_6001"))
                .body("message", equalTo("Your card has insufficient funds."))
                .body("details.declineCode", equalTo("insufficient_funds"));
        StripeMock.server().verify(1, postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("description=" + marker)));
    }

    @Test
    void invalidRequestAnswers502WithoutLeakingStripesMessage() {
        String marker = "invalid-" + UUID.randomUUID();
        failWhenDescribed(marker, aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"type\": \"invalid_request_error\", \"code\": \"parameter_invalid\","
                        + " \"message\": \"acct_123 internal detail\"}}"));
        createIntent(Fixtures.user(), Map.of("amount", 10, "description", marker)).then().statusCode(502)
                .body("errorCode", equalTo("ERR_6001"))
                .body("message", not(org.hamcrest.Matchers.containsString("acct_123")));
    }

    @Test
    void aClientRetryWithTheSameKeyAfterAnOutageCreatesTheIntentForTheSamePayment() {
        String marker = "outage-" + UUID.randomUUID();
        var outage = failWhenDescribed(marker, aResponse().withStatus(503).withBody("{}"));
        Account user = Fixtures.user();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("amount", 10, "description", marker);
        user.request().header("Idempotency-Key", key).body(body).post("/api/payments/intent").then().statusCode(503)
                .body("errorCode", equalTo("ERR_6002"));
        StripeMock.server().removeStub(outage);
        Response retry = user.request().header("Idempotency-Key", key).body(body).post("/api/payments/intent");
        retry.then().statusCode(201).body("status", equalTo("PENDING")).body("paymentIntentId", startsWith("pi_"));
        assertEquals(1, PaymentTestSupport.count("SELECT count(*) FROM payments WHERE user_id = $1",
                Tuple.of(user.id())));
        List<String> keys = StripeMock.server().findAll(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withRequestBody(containing("description=" + marker))).stream()
                .map(req -> req.getHeader("Idempotency-Key")).distinct().toList();
        assertEquals(2, keys.size(), "the retry after a failure must not replay Stripe's stored error");
    }
}
