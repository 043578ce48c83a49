package dev.festival.festivals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SlugsTest {
    @Test
    void namesBecomeLowerCaseAsciiWordsJoinedByDashes() {
        assertEquals("fete-de-la-musique-2026", Slugs.fromName("  Fête de la Musique 2026! "));
        assertEquals("strasse-festival", Slugs.fromName("Straße -- Festival"));
        assertEquals("festival", Slugs.fromName("!!!"));
        assertEquals("featured-festival", Slugs.fromName("Featured"));
    }

    @Test
    void longNamesAreCutWithoutATrailingDash() {
        String slug = Slugs.fromName("a ".repeat(200));
        assertEquals(false, slug.endsWith("-"));
        assertEquals(true, slug.length() <= Slugs.MAX_LENGTH);
    }

    @Test
    void explicitSlugsMustFitThePattern() {
        assertEquals("summer-fest", Slugs.normalizeExplicit("Summer-Fest"));
        assertNull(Slugs.normalizeExplicit("summer fest"));
        assertNull(Slugs.normalizeExplicit("-summer"));
        assertNull(Slugs.normalizeExplicit("summer--fest"));
        assertNull(Slugs.normalizeExplicit("featured"));
        assertNull(Slugs.normalizeExplicit("3f2504e0-4f89-41d3-9a0c-0305e82c3301"));
    }
}
