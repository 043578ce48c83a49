package dev.festival.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.festival.common.error.ApiException;
import dev.festival.zones.dto.ScanRequest;
import org.junit.jupiter.api.Test;

/** The pure rules: occupancy figures, alert levels, and scan body validation. */
class OccupancyTest {

    @Test
    void figuresOfLimitedAndUnlimitedZones() {
        assertEquals(80.0, Occupancy.percentage(4, 5));
        assertEquals(33.3, Occupancy.percentage(1, 3));
        assertEquals(0.0, Occupancy.percentage(1000, null));
        assertEquals(100.0, Occupancy.percentage(0, 0));
        assertTrue(Occupancy.atCapacity(5, 5));
        assertFalse(Occupancy.atCapacity(5, null));
        assertTrue(Occupancy.nearCapacity(4, 5, 80));
        assertFalse(Occupancy.nearCapacity(3, 5, 80));
        assertFalse(Occupancy.nearCapacity(1_000_000, null, 80));
        assertEquals(1, Occupancy.availableSpots(4, 5));
        assertEquals(0, Occupancy.availableSpots(7, 5)); // capacity lowered below the count
        assertNull(Occupancy.availableSpots(4, null));
        assertEquals("closed", Occupancy.status(0, 5, 80, false));
    }

    @Test
    void alertLevelsRiseAtTheThresholdNinetyFiveAndFull() {
        // capacity 20, threshold 80: warning from 16, critical from 19, full at 20
        assertEquals(0, Occupancy.level(15, 20, 80));
        assertEquals(1, Occupancy.level(16, 20, 80));
        assertEquals(1, Occupancy.level(18, 20, 80));
        assertEquals(2, Occupancy.level(19, 20, 80));
        assertEquals(3, Occupancy.level(20, 20, 80));
        assertEquals(3, Occupancy.level(21, 20, 80));
        assertEquals(0, Occupancy.level(100, null, 80));
        // no overflow with huge capacities
        assertEquals(2, Occupancy.level(2_000_000_000, 2_100_000_000, 80));
        assertEquals("critical", Occupancy.status(19, 20, 80, true));
        assertEquals("full", Occupancy.status(20, 20, 80, true));
        assertEquals("normal", Occupancy.status(1, 20, 80, true));
    }

    @Test
    void scanBodies() {
        GateService.Parsed p = GateService.parse(new ScanRequest(null, " 5b4a0f4e-4a7e-4c48-9d1a-7b2a4b1f0c11 ", null,
                null, "exit", " gate ", null), "", null);
        assertEquals("OUT", p.direction());
        assertEquals("gate", p.deviceId());
        assertEquals("IN", GateService.parse(new ScanRequest("FT1.x", null, null, null, null, null, null), "", null)
                .direction());
        // a QR wins over a ticket id, which wins over a tag
        GateService.Parsed q = GateService.parse(new ScanRequest("FT1.x", "not-a-uuid", "tag", "in", null, null, null),
                "", null);
        assertEquals("FT1.x", q.qrCode());
        assertNull(q.ticketId());
        assertNull(q.nfcTagId());
        assertThrows(ApiException.class, () -> GateService.parse(null, "", null));
        assertThrows(ApiException.class, () -> GateService.parse(new ScanRequest(" ", "", null, "IN", null, null, null),
                "", null));
        assertThrows(ApiException.class, () -> GateService.parse(new ScanRequest(null, "nope", null, null, null, null,
                null), "", null));
        assertThrows(ApiException.class, () -> GateService.parse(new ScanRequest(null, null, "tag", "up", null, null,
                null), "", null));
        assertThrows(ApiException.class, () -> GateService.parse(new ScanRequest(null, null, "tag", null, null, null,
                "scan-1"), "", null));
        // ids end up in log lines: no line breaks
        assertThrows(ApiException.class, () -> GateService.parse(new ScanRequest(null, null, "tag", null, null,
                "gate\nevent=forged", null), "", null));
        assertEquals("dev", GateService.parse(new ScanRequest(null, null, "tag", null, null, null, "scan-1"), "", "dev")
                .deviceId());
    }
}
