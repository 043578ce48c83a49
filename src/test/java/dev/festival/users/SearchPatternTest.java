package dev.festival.users;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** User search terms are matched literally: LIKE wildcards typed by a client match only themselves. */
class SearchPatternTest {
    @Test
    void wildcardsAndTheEscapeCharacterAreEscaped() {
        assertEquals("%50!%!_off!!%", UserAdminService.containsPattern(" 50%_OFF! "));
    }

    @Test
    void plainTermsBecomeALowerCaseContainsPattern() {
        assertEquals("%anne marie%", UserAdminService.containsPattern("Anne Marie"));
    }
}
