package dev.festival.festivals.dto;

import dev.festival.common.paging.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAPI shape of a festival list (the API.md envelope). */
@Schema(name = "FestivalPage")
public record FestivalPage(List<FestivalView> data, Page.Meta meta) {
}
