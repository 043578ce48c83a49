package dev.festival.zones;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bench/zone-scan.sql is the pgbench ceiling of a REST scan: {@link GateStore#SCAN_BY_TICKET} with its
 * parameters replaced by pgbench variables and constants. This keeps the two in step; after changing the
 * statement, regenerate the file with {@code -Dbench.write=true}.
 */
class BenchSqlInStepTest {
    /** What each parameter of the scan statement becomes in the pgbench script (see bench/run-zones.sh). */
    static final Map<Integer, String> PARAMETERS = Map.ofEntries(
            Map.entry(1, "('50000000-0000-4000-8000-' || lpad(CAST(:zn AS text), 12, '0'))"), // zone number :zn
            Map.entry(2, "('40000000-0000-4000-8000-' || lpad(CAST(:t AS text), 12, '0'))"), // ticket number :t
            Map.entry(3, "NULL"),                                                     // any revision (ticketId scan)
            Map.entry(4, "(CASE WHEN :d = 0 THEN 'IN' ELSE 'OUT' END)"),              // :d alternates 0, 1
            Map.entry(5, ":sid"),                                                     // -D sid=<SECURITY member>
            Map.entry(6, "false"),
            Map.entry(7, "'bench-pgbench'"),
            Map.entry(8, "NULL"),
            Map.entry(9, "NULL"),
            Map.entry(10, "bench_uuid7()"),                                           // time-ordered, as ZoneIds
            Map.entry(11, "bench_uuid7()"),
            Map.entry(12, "'TICKET_ID'"));

    static String pgbenchScript() {
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(GateStore.SCAN_BY_TICKET);
        StringBuilder out = new StringBuilder("-- GENERATED from GateStore.SCAN_BY_TICKET by BenchSqlInStepTest"
                + " (-Dbench.write=true); do not edit.\n");
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(PARAMETERS.get(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.append(";\n").toString();
    }

    @Test
    void theBenchCeilingRunsTheScanStatement() throws IOException {
        Path file = Path.of("bench/zone-scan.sql");
        String expected = pgbenchScript();
        if (Boolean.getBoolean("bench.write")) {
            Files.writeString(file, expected, StandardCharsets.UTF_8);
        }
        assertEquals(expected, Files.readString(file, StandardCharsets.UTF_8),
                "bench/zone-scan.sql is out of step with GateStore.SCAN_BY_TICKET: run this test with -Dbench.write=true");
    }
}
