package io.pinpipe.cli.live;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** {@code pinpipe status}'s one screen, drawn from the JSON of {@code GET /ui/api/pipeline}. */
final class StatusScreen {

    private StatusScreen() {
    }

    static List<String> lines(String gateway, JsonNode pipeline) {
        List<String> lines = new ArrayList<>();
        boolean balanced = pipeline.path("balanced").asBoolean(false);
        lines.add("pinpipe at " + gateway + ", read " + pipeline.path("at").asText("?") + ": "
                + (balanced ? "BALANCED" : "NOT BALANCED"));
        if (pipeline.has("gateway")) {
            JsonNode g = pipeline.get("gateway");
            lines.add(String.format("gateway      acknowledged %,d (%.1f/s), batch topics took %,d; streams API %,d"
                            + " (%.1f/s), streaming topics took %,d", g.path("acknowledged").asLong(),
                    g.path("acknowledged_per_second").asDouble(), g.path("batch_topics_took").asLong(),
                    g.path("streams_acknowledged").asLong(), g.path("streams_per_second").asDouble(),
                    g.path("streaming_topics_took").asLong()));
            JsonNode sink = pipeline.path("sink");
            lines.add(String.format("lake sink    %s %s, lag %,d; lake %s", sink.path("name").asText(),
                    sink.path("state").asText(), sink.path("lag").asLong(), sink.path("lake").asText()));
            lines.add("lake         " + lake(pipeline.path("topics")));
            JsonNode stream = pipeline.path("stream");
            lines.add("stream job   " + (stream.path("last_batch").isNull() ? "never ran (checkpoint "
                    + stream.path("checkpoint").asText() + ")" : String.format("micro-batch %d committed %s, lag %,d",
                    stream.path("last_batch").asLong(), stream.path("last_batch_at").asText(),
                    stream.path("lag").asLong())));
            lines.add("tables       batch: " + tables(pipeline.path("batch_tables")) + "; stream: "
                    + tables(pipeline.path("stream_tables")));
            lines.add("runs         " + runs(pipeline.path("runs")));
            lines.add(String.format("books        %-7s %-5s %12s %12s %12s", "path", "table", "in Kafka", "landed",
                    "rows"));
            for (JsonNode line : pipeline.path("reconciliation")) {
                lines.add(String.format("             %-7s %-5s %12s %12s %12s  %s", line.path("path").asText(),
                        line.path("table").asText(), count(line.path("in_kafka")), count(line.path("landed")),
                        count(line.path("rows")), line.path("balanced").asBoolean() ? "ok" : "DIFFERS"));
            }
        }
        for (JsonNode problem : pipeline.path("problems")) {
            lines.add("problem: " + problem.asText());
        }
        return lines;
    }

    private static String lake(JsonNode topics) {
        long files = 0;
        long bytes = 0;
        long records = 0;
        String newest = "";
        boolean listed = false;
        for (JsonNode topic : topics) {
            JsonNode lake = topic.path("lake");
            if (lake.isObject()) {
                listed = true;
                files += lake.path("files").asLong();
                bytes += lake.path("bytes").asLong();
                records += lake.path("records").asLong();
                String time = lake.path("newest_file").asText("");
                newest = time.compareTo(newest) > 0 ? time : newest;
            }
        }
        return listed ? String.format("%,d records in %,d files, %,d bytes; newest file %s", records, files, bytes,
                newest.isEmpty() ? "-" : newest) : "not listed (not a local folder)";
    }

    private static String tables(JsonNode tables) {
        if (tables.isEmpty()) {
            return "none yet";
        }
        return StreamSupport.stream(tables.spliterator(), false).map(table -> table.path("name").asText() + " "
                + count(table.path("rows")) + " rows (v" + table.path("version").asLong() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String runs(JsonNode runs) {
        JsonNode last = runs.path("last");
        String run = last.isObject() ? "last " + last.path("logical_date").asText() + " attempt "
                + last.path("attempt").asInt() + " " + last.path("outcome").asText() : "no scheduled run yet";
        return run + "; report " + (runs.path("report").isTextual() ? runs.path("report").asText() : "none yet");
    }

    private static String count(JsonNode value) {
        return value.isNumber() ? String.format("%,d", value.asLong()) : "-";
    }
}
