package dev.festival.common.paging;

import java.util.List;

/** The API.md list envelope: {@code {data, meta}}. */
public record Page<T>(List<T> data, Meta meta) {
    public record Meta(long total, int page, int limit, long totalPages, boolean hasNextPage,
                       boolean hasPreviousPage) {
    }

    public static <T> Page<T> of(List<T> data, long total, PageRequest request) {
        long totalPages = total == 0 ? 0 : (total + request.limit() - 1) / request.limit();
        return new Page<>(data, new Meta(total, request.page(), request.limit(), totalPages,
                request.page() < totalPages, request.page() > 1));
    }
}
