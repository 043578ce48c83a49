package dev.festival.festivals;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A festival's life cycle (API.md "Festivals"). */
public enum FestivalStatus {
    DRAFT, PUBLISHED, ONGOING, COMPLETED, CANCELLED;

    /** What the public may see: a draft never, a cancelled festival only when asked for by status. */
    public static final Set<FestivalStatus> PUBLIC_DEFAULT = EnumSet.of(PUBLISHED, ONGOING, COMPLETED);
    public static final Set<FestivalStatus> PUBLICLY_VISIBLE = EnumSet.of(PUBLISHED, ONGOING, COMPLETED, CANCELLED);

    /** The states a festival may move to this one from; a move from anywhere else is a 409 ERR_5009. */
    public Set<FestivalStatus> allowedFrom() {
        return switch (this) {
            case DRAFT -> EnumSet.of(PUBLISHED);
            case PUBLISHED -> EnumSet.of(DRAFT);
            case ONGOING -> EnumSet.of(PUBLISHED);
            case COMPLETED -> EnumSet.of(PUBLISHED, ONGOING);
            case CANCELLED -> EnumSet.of(DRAFT, PUBLISHED, ONGOING);
        };
    }

    public boolean isPubliclyVisible() {
        return PUBLICLY_VISIBLE.contains(this);
    }

    /** Any letter case; null when unknown. */
    public static FestivalStatus parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
