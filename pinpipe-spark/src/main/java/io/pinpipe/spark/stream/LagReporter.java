package io.pinpipe.spark.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.common.JsonTree;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Iterator;

/**
 * Prints one line per micro-batch that read records: how many, how fast, and how far the query is behind the
 * topics' ends (the lag, in records) when the batch was planned.
 */
final class LagReporter extends StreamingQueryListener {

    /** The prefix of every progress line. */
    static final String PREFIX = "[stream] ";


    private final PrintStream out;

    LagReporter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
        out.println(PREFIX + "query started (id " + event.id() + ", run " + event.runId() + ")");
        out.flush();
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (progress.numInputRows() == 0) {
            return;
        }
        long lag = 0;
        for (SourceProgress source : progress.sources()) {
            lag += offsetSum(source.latestOffset()) - offsetSum(source.endOffset());
        }
        Long duration = progress.durationMs().get("triggerExecution");
        out.printf("%sbatch %d committed: %,d records in %.1f s, %,d behind the topics' ends%n", PREFIX,
                progress.batchId(), progress.numInputRows(), duration == null ? 0.0 : duration / 1000.0,
                Math.max(0, lag));
        out.flush();
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
        // The job prints its summary itself.
    }

    /** The sum of the offsets in a Kafka source offset, {@code {"topic":{"0":12,"1":7}}}; 0 when unknown. */
    static long offsetSum(String offsetJson) {
        if (offsetJson == null || offsetJson.isBlank()) {
            return 0;
        }
        try {
            long sum = 0;
            for (JsonNode topic : JsonTree.parse(offsetJson)) {
                for (Iterator<JsonNode> offsets = topic.elements(); offsets.hasNext(); ) {
                    sum += offsets.next().asLong();
                }
            }
            return sum;
        } catch (IOException e) {
            return 0;
        }
    }
}
