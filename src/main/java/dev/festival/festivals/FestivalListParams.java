package dev.festival.festivals;

import dev.festival.common.web.PathIds;
import dev.festival.common.paging.PageRequest;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Query parameters of the festival lists, taken as strings so that a bad value is a 400
 * ERR_4003 naming the parameter (never a 404 or 500). Unknown parameters are ignored.
 */
public class FestivalListParams {
    @RestQuery
    @Parameter(description = "Page number, from 1 (default 1)")
    String page;
    @RestQuery
    @Parameter(description = "Page size, 1..100 (default 20)")
    String limit;
    @RestQuery
    @Parameter(description = "Alternative to page: rows to skip")
    String offset;
    @RestQuery
    @Parameter(description = "field:asc|desc; fields startDate, endDate, name, createdAt, updatedAt, status, "
            + "maxCapacity, country, location. Without sorting: upcoming first (running and future festivals by "
            + "start date, then past ones, most recent first)")
    String sort;
    @RestQuery
    @Parameter(description = "Sort field (alias of sort)")
    String sortBy;
    @RestQuery
    @Parameter(description = "asc or desc")
    String sortOrder;
    @RestQuery
    @Parameter(description = "Status in any letter case; several may be given comma-separated")
    String status;
    @RestQuery
    @Parameter(description = "Case-insensitive text in name, description or location")
    String search;
    @RestQuery
    @Parameter(description = "Owner's user id")
    String organizerId;
    @RestQuery
    @Parameter(description = "Country, case-insensitive")
    String country;
    @RestQuery
    @Parameter(description = "Festivals starting at or after this ISO-8601 date or date-time")
    String startDateFrom;
    @RestQuery
    @Parameter(description = "Festivals starting at or before this ISO-8601 date or date-time (a date: its end)")
    String startDateTo;
    @RestQuery
    @Parameter(description = "Genre, case-insensitive")
    String genre;

    FestivalQuery toQuery(boolean publicScope) {
        PageRequest p = FestivalService.pageOf(page, limit, offset, sort, sortBy, sortOrder);
        boolean explicitSort = notBlank(sort) || notBlank(sortBy) || notBlank(sortOrder);
        return new FestivalQuery(statuses(), blankToNull(search), uuid("organizerId", organizerId),
                blankToNull(country), date("startDateFrom", startDateFrom, false),
                date("startDateTo", startDateTo, true), blankToNull(genre), false, null, publicScope, p, explicitSort);
    }

    private Set<FestivalStatus> statuses() {
        if (!notBlank(status)) {
            return null;
        }
        Set<FestivalStatus> out = EnumSet.noneOf(FestivalStatus.class);
        for (String s : status.split(",")) {
            if (s.isBlank()) {
                continue;
            }
            FestivalStatus st = FestivalStatus.parse(s);
            if (st == null) {
                throw PageRequest.badParameter("status",
                        "must be one of DRAFT, PUBLISHED, ONGOING, COMPLETED, CANCELLED");
            }
            out.add(st);
        }
        return out.isEmpty() ? null : out;
    }

    private static UUID uuid(String name, String value) {
        if (!notBlank(value)) {
            return null;
        }
        UUID id = PathIds.uuidOrNull(value.trim());
        if (id == null) {
            throw PageRequest.badParameter(name, "must be a UUID");
        }
        return id;
    }

    private static OffsetDateTime date(String name, String value, boolean endOfDay) {
        if (!notBlank(value)) {
            return null;
        }
        OffsetDateTime t = FestivalTimes.parse(value, null, endOfDay);
        if (t == null) {
            throw PageRequest.badParameter(name, "must be an ISO-8601 date or date-time");
        }
        return t;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return notBlank(s) ? s.trim() : null;
    }
}
