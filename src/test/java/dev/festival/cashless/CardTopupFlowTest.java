package dev.festival.cashless;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.festival.payments.StripeMock;
import dev.festival.support.Fixtures;
import dev.festival.support.Fixtures.Account;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An online top-up end to end: the owner asks for a CARD top-up (a Stripe PaymentIntent, WireMock
 * standing in for Stripe), nothing is credited until Stripe's webhook confirms it, and a duplicated
 * webhook credits once.
 */
@QuarkusTest
class CardTopupFlowTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void cardTopupIsCreditedOnlyWhenTheWebhookConfirmsItAndOnlyOnce() {
        Account owner = Fixtures.user();
        UUID festivalId = Fixtures.festival(Fixtures.organizer());
        Response topup = owner.request().body(Map.of("amount", 20.5, "festivalId", festivalId.toString()))
                .post("/api/cashless/topup");
        topup.then().statusCode(201)
                .body("status", equalTo("PENDING"))
                .body("payment.paymentIntentId", startsWith("pi_"))
                .body("payment.clientSecret", notNullValue());
        String intentId = topup.path("payment.paymentIntentId");
        UUID paymentId = UUID.fromString(topup.path("payment.paymentId"));
        owner.request().get("/api/cashless/balance").then().statusCode(200).body("balance", equalTo(0));

        String event = succeeded(intentId, paymentId, 2050);
        webhook(event).then().statusCode(200).body("received", equalTo(true));
        webhook(event).then().statusCode(200);
        owner.request().get("/api/cashless/balance").then().body("balance", equalTo(20.5f));
        owner.request().get("/api/cashless/transactions").then()
                .body("meta.total", equalTo(1))
                .body("data[0].type", equalTo("TOPUP"))
                .body("data[0].paymentId", equalTo(paymentId.toString()));
    }

    private static String succeeded(String intentId, UUID paymentId, long amount) {
        ObjectNode obj = JSON.createObjectNode().put("id", intentId).put("object", "payment_intent")
                .put("amount", amount).put("currency", "eur").put("status", "succeeded");
        obj.putObject("metadata").put("paymentId", paymentId.toString());
        ObjectNode root = JSON.createObjectNode().put("id", "evt_" + UUID.randomUUID()).put("object", "event")
                .put("type", "payment_intent.succeeded").put("created", System.currentTimeMillis() / 1000)
                .put("livemode", false);
        root.putObject("data").set("object", obj);
        return root.toString();
    }

    private static Response webhook(String payload) {
        return given().contentType(ContentType.JSON).header("Stripe-Signature", StripeMock.sign(payload))
                .body(payload).post("/api/payments/webhook");
    }
}
