package dev.festival.festivals;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** URL slugs: lower-case ASCII words joined by dashes. */
public final class Slugs {
    public static final Pattern PATTERN = Pattern.compile("^[a-z0-9]+(?:-[a-z0-9]+)*$");
    public static final int MAX_LENGTH = 100;
    /** Words that would collide with fixed routes under /api/festivals. */
    static final Set<String> RESERVED = Set.of("featured", "by-slug", "admin", "new");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern UUID_LIKE =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private Slugs() {
    }

    /** "Fête de la Musique 2026!" → "fete-de-la-musique-2026"; never empty. */
    public static String fromName(String name) {
        String s = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("");
        // Letters that NFD does not decompose into a base letter plus a mark.
        s = s.replace("ß", "ss").replace("æ", "ae").replace("Æ", "ae").replace("œ", "oe").replace("Œ", "oe")
                .replace("ø", "o").replace("Ø", "o").replace("ł", "l").replace("Ł", "l").replace("đ", "d")
                .replace("Đ", "d");
        s = NON_ALNUM.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("-");
        s = trimDashes(s);
        if (s.length() > MAX_LENGTH - 8) {
            s = trimDashes(s.substring(0, MAX_LENGTH - 8));
        }
        if (s.isEmpty()) {
            s = "festival";
        }
        if (RESERVED.contains(s) || UUID_LIKE.matcher(s).matches()) {
            s = s + "-festival";
        }
        return s;
    }

    /** An explicit slug, lower-cased; null when it does not fit the pattern (or could be taken for a UUID). */
    public static String normalizeExplicit(String slug) {
        if (slug == null) {
            return null;
        }
        String s = slug.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.length() > MAX_LENGTH || !PATTERN.matcher(s).matches() || RESERVED.contains(s)
                || UUID_LIKE.matcher(s).matches()) {
            return null;
        }
        return s;
    }

    /** "summer-fest" + 3 → "summer-fest-3". */
    public static String withSuffix(String base, String suffix) {
        return base + "-" + suffix;
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
