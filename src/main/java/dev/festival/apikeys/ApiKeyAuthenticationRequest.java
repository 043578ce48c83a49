package dev.festival.apikeys;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A key presented by a request, with the address it came from (for the key's allow-list). */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
    private final String key;
    private final String clientAddress;

    public ApiKeyAuthenticationRequest(String key, String clientAddress) {
        this.key = key;
        this.clientAddress = clientAddress;
    }

    public String key() {
        return key;
    }

    public String clientAddress() {
        return clientAddress;
    }
}
