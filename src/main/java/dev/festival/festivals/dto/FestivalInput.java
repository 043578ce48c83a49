package dev.festival.festivals.dto;

import java.util.Set;

/** The fields create and update share, so one validator checks both before any role decision. */
public interface FestivalInput {
    String slug();

    String startDate();

    String endDate();

    String timezone();

    String currency();

    String status();

    /** Statuses this request may ask for. */
    Set<String> acceptedStatuses();
}
