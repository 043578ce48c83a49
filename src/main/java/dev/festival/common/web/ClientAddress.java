package dev.festival.common.web;

import io.vertx.core.http.HttpServerRequest;

/** The client's address as per-address rules see it. */
public final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * The peer's address; behind an ingress, Quarkus resolves X-Forwarded-For / Forwarded into it when
     * {@code quarkus.http.proxy.proxy-address-forwarding} is on. "unknown" when there is none.
     */
    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null || request.remoteAddress().hostAddress() == null
                ? "unknown" : request.remoteAddress().hostAddress();
    }
}
