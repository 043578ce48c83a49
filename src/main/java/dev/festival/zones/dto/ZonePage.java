package dev.festival.zones.dto;

import dev.festival.common.paging.Page;
import java.util.List;

/** OpenAPI shape of a page of zones. */
public record ZonePage(List<ZoneView> data, Page.Meta meta) {
}
