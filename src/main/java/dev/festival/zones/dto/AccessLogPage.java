package dev.festival.zones.dto;

import dev.festival.common.paging.Page;
import java.util.List;

/** OpenAPI shape of a page of access-log rows. */
public record AccessLogPage(List<AccessLogView> data, Page.Meta meta) {
}
