package dev.festival.zones.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an offline upload: one result per item, in order, and a summary. */
public record BatchScanResult(List<Item> results, Summary summary) {

    public record Item(
            int index, String clientScanId, String deviceId, boolean allowed, String reason, String message,
            @Schema(description = "Seen before: the first decision, nothing applied again") boolean duplicate,
            @Schema(description = "The server's decision differs from the scanner's offline one (a refusal when the"
                    + " scanner did not say)") boolean conflict,
            ScanResult result) {
    }

    public record Summary(int total, int applied, int allowed, int refused, int duplicates, int conflicts,
                          int occupancy) {
    }
}
