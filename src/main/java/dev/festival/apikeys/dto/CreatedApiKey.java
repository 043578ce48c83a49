package dev.festival.apikeys.dto;

import java.util.UUID;

/**
 * The answer to a creation, the only time the key is shown: {@code plaintextKey} and its alias
 * {@code key}; {@code prefix} = {@code apiKey.keyPrefix}.
 */
public record CreatedApiKey(ApiKeyView apiKey, String plaintextKey, UUID id, String name, String prefix, String key) {
    public static CreatedApiKey of(ApiKeyView view, String plaintext) {
        return new CreatedApiKey(view, plaintext, view.id(), view.name(), view.keyPrefix(), plaintext);
    }
}
