package io.pinpipe.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.cli.schedule.RunRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TestData;
import io.pinpipe.common.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/live-page.md's example of {@code GET /ui/api/pipeline} has exactly the fields the endpoint writes, at every
 * level the example spells out (an array shown as {@code []} or with strings is not checked inside), so the
 * documented shape cannot drift from the code.
 */
class LivePageDocsTest {

    private static final String SECTION = "## The JSON, for scripts";

    @Test
    void theDocumentedJsonHasTheFieldsTheEndpointWrites() throws IOException {
        JsonNode documented = PipelineWatch.MAPPER.readTree(documentedExample());
        JsonNode written = PipelineWatch.MAPPER.valueToTree(fullSnapshot());

        List<String> differences = new ArrayList<>();
        compare("", documented, written, differences);

        assertThat(differences).isEmpty();
    }

    private static void compare(String path, JsonNode documented, JsonNode written, List<String> differences) {
        if (documented.isObject() && written.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            documented.fieldNames().forEachRemaining(names::add);
            written.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (!documented.has(name)) {
                    differences.add(path + name + " is written but not documented");
                } else if (!written.has(name)) {
                    differences.add(path + name + " is documented but not written");
                } else {
                    compare(path + name + ".", documented.get(name), written.get(name), differences);
                }
            }
        } else if (documented.isArray() && written.isArray() && !documented.isEmpty() && !written.isEmpty()
                && documented.get(0).isObject()) {
            compare(path + "[].", documented.get(0), written.get(0), differences);
        }
    }

    private static String documentedExample() throws IOException {
        String doc = Files.readString(TestData.projectRoot().resolve("docs/live-page.md"));
        int section = doc.indexOf(SECTION);
        assertThat(section).as("docs/live-page.md has '%s'", SECTION).isNotNegative();
        int start = doc.indexOf("```json\n", section) + "```json\n".length();
        return doc.substring(start, doc.indexOf("```", start));
    }

    /** A snapshot in which every documented part has a value: lake, a micro-batch, tables, a run, a report. */
    private static PipelineSnapshot fullSnapshot() {
        Topics topics = new Topics("docs");
        Instant at = Instant.parse("2026-12-05T04:00:00Z");
        Map<String, Map<Integer, Long>> ends = new HashMap<>();
        Map<String, PipelineSnapshot.LakeTopic> lake = new HashMap<>();
        for (SourceTable table : SourceTable.values()) {
            ends.put(topics.batch(table), Map.of(0, 4L));
            ends.put(topics.streaming(table), Map.of(0, 2L));
            lake.put(topics.batch(table), new PipelineSnapshot.LakeTopic(1, 100, 4, at));
        }
        List<PipelineSnapshot.Table> tables = List.of(new PipelineSnapshot.Table("pin", 3L, 1, at));
        RunRecord run = new RunRecord(LocalDate.parse("2026-12-04"), 1, at, at, 1000, RunRecord.Outcome.SUCCESS, 0,
                "ok");
        Readings now = new Readings(at, 12, 6, ends, ends, "RUNNING", lake,
                Optional.of(new PipelineSnapshot.MicroBatch(3, at, Map.of())), tables, tables,
                new PipelineSnapshot.Runs(run, List.of(run), "/results/report.html", at));
        return PipelineBooks.snapshot(new PipelineBooks.Pipeline(topics, "lake", "/lake", "/checkpoint"), now, now,
                now, List.of(PipelineBooks.sample(topics, now)));
    }
}
