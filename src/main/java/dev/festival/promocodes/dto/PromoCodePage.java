package dev.festival.promocodes.dto;

import dev.festival.common.paging.Page;
import java.util.List;

/** OpenAPI shape of a page of promo codes. */
public record PromoCodePage(List<PromoCodeView> data, Page.Meta meta) {
}
