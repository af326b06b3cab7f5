package io.pinpipe.cli.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The median and 95th percentile of each phase over the stream job's phase lines of one part of the run
 * ({@code [stream] batch 12 phases (ms): addBatch=1402 ...; writer: pin.write=301 ... pin.records=3400 ...}).
 */
final class PhaseSummary {

    private static final Pattern PHASE = Pattern.compile("([A-Za-z][A-Za-z.]*)=(\\d+)");

    private PhaseSummary() {
    }

    /** One line per phase, in the order the lines name them: {@code addBatch  median 1,402  p95 1,980}. */
    static List<String> of(List<String> phaseLines) {
        Map<String, List<Long>> values = new LinkedHashMap<>();
        for (String line : phaseLines) {
            Matcher phase = PHASE.matcher(line.substring(line.indexOf(JobWatch.PHASES)));
            while (phase.find()) {
                values.computeIfAbsent(phase.group(1), name -> new ArrayList<>()).add(Long.parseLong(phase.group(2)));
            }
        }
        List<String> summary = new ArrayList<>();
        values.forEach((name, list) -> {
            list.sort(null);
            summary.add(String.format("    %-18s median %,7d  p95 %,7d  (%d micro-batches)", name,
                    Percentiles.of(list, 50), Percentiles.of(list, 95), list.size()));
        });
        return summary;
    }
}
