package dev.festival.zones.dto;

import dev.festival.common.paging.Page;
import java.util.List;

/** OpenAPI shape of a page of capacity alerts. */
public record ZoneAlertPage(List<ZoneAlertView> data, Page.Meta meta) {
}
