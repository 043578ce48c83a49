package dev.festival.apikeys.dto;

import dev.festival.common.paging.Page;
import java.util.List;

/** OpenAPI schema of the key list envelope. */
public record ApiKeyPage(List<ApiKeyView> data, Page.Meta meta) {
}
