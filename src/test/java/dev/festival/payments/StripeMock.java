package dev.festival.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * WireMock standing in for the Stripe API (stripe-java's api base points at it), with default
 * stubs that answer like Stripe: unique ids per call, amounts echoed from the form body.
 */
public class StripeMock implements QuarkusTestResourceLifecycleManager {
    public static final String WEBHOOK_SECRET = "whsec_test";
    private static WireMockServer server;

    public static WireMockServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort().templatingEnabled(true).globalTemplating(false));
        server.start();
        defaultStubs();
        String ft = "quarkus.fault-tolerance.\"dev.festival.payments.StripeCalls/call\".";
        return Map.of(
                "festival.stripe.api-base", "http://localhost:" + server.port(),
                "festival.stripe.secret-key", "sk_test_x",
                "festival.stripe.webhook-secret", WEBHOOK_SECRET,
                "festival.stripe.read-timeout", "1500ms",
                // Tests provoke failures on purpose; the breaker must not open on the whole suite.
                ft + "circuit-breaker.failure-ratio", "1.0",
                ft + "circuit-breaker.request-volume-threshold", "100",
                ft + "retry.delay", "50");
    }

    /** The happy-path answers; tests add higher-priority stubs for failures. */
    public static void defaultStubs() {
        String rand = "{{randomValue length=24 type='ALPHANUMERIC'}}";
        server.stubFor(post(urlEqualTo("/v1/payment_intents")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": "pi_%1$s", "object": "payment_intent",
                                 "amount": {{formData request.body 'form' urlDecode=true}}{{form.amount}},
                                 "currency": "{{form.currency}}", "status": "requires_payment_method",
                                 "client_secret": "pi_secret_%1$s", "livemode": false, "metadata": {}}"""
                                .formatted(rand))));
        server.stubFor(post(urlMatching("/v1/payment_intents/pi_[A-Za-z0-9]+/cancel")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": "{{request.pathSegments.[2]}}", "object": "payment_intent",
                                 "status": "canceled", "amount": 100, "currency": "eur"}""")));
        server.stubFor(post(urlEqualTo("/v1/refunds")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": "re_%s", "object": "refund", "status": "succeeded",
                                 "amount": {{formData request.body 'form' urlDecode=true}}{{form.amount}},
                                 "currency": "eur", "payment_intent": "{{form.payment_intent}}"}"""
                                .formatted(rand))));
        server.stubFor(post(urlEqualTo("/v1/checkout/sessions")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": "cs_test_%1$s", "object": "checkout.session", "status": "open",
                                 "payment_status": "unpaid", "url": "https://checkout.stripe.com/c/pay/cs_test_%1$s",
                                 "expires_at": 1893456000, "mode": "payment", "payment_intent": null}"""
                                .formatted(rand))));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlMatching("/v1/checkout/sessions/cs_[A-Za-z0-9_]+"))
                .atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": "{{request.pathSegments.[3]}}", "object": "checkout.session", "status": "open",
                                 "payment_status": "unpaid", "url": "https://checkout.stripe.com/x"}""")));
        server.stubFor(post(urlMatching("/v1/checkout/sessions/cs_[A-Za-z0-9_]+/expire")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("""
                                {"id": "{{request.pathSegments.[3]}}", "object": "checkout.session",
                                 "status": "expired", "payment_status": "unpaid"}""")));
    }

    /** A valid Stripe-Signature header for {@code payload}, as Stripe computes it. */
    public static String sign(String payload) {
        return sign(payload, WEBHOOK_SECRET, System.currentTimeMillis() / 1000);
    }

    public static String sign(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String sig = HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return "t=" + timestamp + ",v1=" + sig;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
