package dev.festival.cashless;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered ids for ledger rows (RFC 9562 UUIDv7: 48-bit Unix milliseconds, then random bits), so
 * that inserts land at the right edge of the primary-key index. Ledger ids are not secrets.
 */
final class LedgerIds {
    private LedgerIds() {
    }

    static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
