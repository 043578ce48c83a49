package dev.festival.festivals.dto;

import dev.festival.common.paging.Page;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAPI shape of a member list (the API.md envelope). */
@Schema(name = "FestivalMemberPage")
public record MemberPage(List<MemberView> data, Page.Meta meta) {
}
