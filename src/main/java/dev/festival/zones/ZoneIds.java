package dev.festival.zones;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered ids (RFC 9562 UUIDv7: 48-bit Unix milliseconds, then random bits) for the access log
 * and alerts, so that their inserts land at the right edge of the primary-key index.
 */
final class ZoneIds {
    private ZoneIds() {
    }

    static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
