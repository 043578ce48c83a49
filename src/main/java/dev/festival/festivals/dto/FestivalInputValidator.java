package dev.festival.festivals.dto;

import dev.festival.festivals.FestivalTimes;
import dev.festival.festivals.Slugs;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.Locale;

public class FestivalInputValidator implements ConstraintValidator<ValidFestivalInput, FestivalInput> {
    @Override
    public boolean isValid(FestivalInput in, ConstraintValidatorContext ctx) {
        if (in == null) {
            return true;
        }
        boolean valid = true;
        ctx.disableDefaultConstraintViolation();
        String zone = null;
        if (in.timezone() != null) {
            zone = FestivalTimes.zone(in.timezone());
            if (zone == null) {
                valid = fail(ctx, "timezone", "must be an IANA time zone such as Europe/Paris");
            }
        }
        if (in.currency() != null && !isCurrency(in.currency())) {
            valid = fail(ctx, "currency", "must be an ISO-4217 currency code");
        }
        if (in.slug() != null && Slugs.normalizeExplicit(in.slug()) == null) {
            valid = fail(ctx, "slug", "must be lower-case letters, digits and single dashes (at most "
                    + Slugs.MAX_LENGTH + " characters, not a reserved word)");
        }
        if (in.status() != null && !in.acceptedStatuses().contains(in.status().trim().toUpperCase(Locale.ROOT))) {
            valid = fail(ctx, "status", "must be one of " + String.join(", ", in.acceptedStatuses().stream().sorted().toList()));
        }
        OffsetDateTime start = null;
        OffsetDateTime end = null;
        if (in.startDate() != null && !in.startDate().isBlank()) {
            start = FestivalTimes.parse(in.startDate(), zone, false);
            if (start == null) {
                valid = fail(ctx, "startDate", "must be an ISO-8601 date or date-time");
            }
        }
        if (in.endDate() != null && !in.endDate().isBlank()) {
            end = FestivalTimes.parse(in.endDate(), zone, true);
            if (end == null) {
                valid = fail(ctx, "endDate", "must be an ISO-8601 date or date-time");
            }
        }
        if (start != null && end != null && !end.isAfter(start)) {
            valid = fail(ctx, "endDate", "must be after startDate");
        }
        return valid;
    }

    private static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code.trim().toUpperCase(Locale.ROOT));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean fail(ConstraintValidatorContext ctx, String field, String message) {
        ctx.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                .addPropertyNode(field).addConstraintViolation();
        return false;
    }
}
