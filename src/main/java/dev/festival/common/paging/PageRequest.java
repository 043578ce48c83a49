package dev.festival.common.paging;

import dev.festival.common.error.ApiException;
import dev.festival.common.error.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A list request as API.md "Conventions" has it: {@code page}/{@code limit} or
 * {@code offset}/{@code limit}, and {@code sort=field:asc|desc} or {@code sortBy}/{@code sortOrder}.
 * Query values arrive as strings so that a bad one is a 400 ERR_4003, never a 404 or 500.
 */
public record PageRequest(int page, int limit, long offset, String sortBy, boolean ascending) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /**
     * @param sortable the sort fields a list accepts, mapped to their SQL column; an unknown
     *                 field falls back to {@code defaultSort} (tolerant reader).
     */
    public static PageRequest parse(String page, String limit, String offset, String sort, String sortBy,
                                    String sortOrder, Set<String> sortable, String defaultSort,
                                    boolean defaultAscending) {
        int l = parseInt("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        long off;
        int p;
        if (offset != null && !offset.isBlank() && (page == null || page.isBlank())) {
            off = parseInt("offset", offset, 0, 0, Integer.MAX_VALUE);
            p = (int) (off / l) + 1;
        } else {
            p = parseInt("page", page, 1, 1, 1_000_000);
            off = (long) (p - 1) * l;
        }
        String field = sortBy;
        String order = sortOrder;
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.split(":", 2);
            field = parts[0].trim();
            order = parts.length > 1 ? parts[1].trim() : order;
        }
        if (field == null || !sortable.contains(field)) {
            field = defaultSort;
        }
        boolean asc = defaultAscending;
        if (order != null && !order.isBlank()) {
            String o = order.trim().toLowerCase(Locale.ROOT);
            if (o.equals("asc")) {
                asc = true;
            } else if (o.equals("desc")) {
                asc = false;
            } else {
                throw badParameter("sortOrder", "must be asc or desc");
            }
        }
        return new PageRequest(p, l, off, field, asc);
    }

    static int parseInt(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw badParameter(name, "must be an integer");
        }
        if (v < min || v > max) {
            throw badParameter(name, "must be between " + min + " and " + max);
        }
        return v;
    }

    public static ApiException badParameter(String name, String message) {
        return new ApiException(ErrorCode.BAD_QUERY_PARAMETER, "Invalid query parameter: " + name,
                Map.of("fields", List.of(new ApiException.FieldError(name, message))));
    }

    public String direction() {
        return ascending ? "ASC" : "DESC";
    }
}
