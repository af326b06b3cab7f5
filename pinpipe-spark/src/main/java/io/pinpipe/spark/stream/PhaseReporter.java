package io.pinpipe.spark.stream;

import io.pinpipe.common.SourceTable;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * With {@code --phase-times true}: one line per micro-batch saying where its time went, in milliseconds. Spark's own
 * phases from the query's progress (planning the batch, writing its offsets to the checkpoint, {@code addBatch}: the
 * whole of {@link MicroBatchWriter}, committing the offsets) and, inside {@code addBatch}, the writer's phases
 * ({@link PhaseTimes}) and records per table:
 * <pre>
 * [stream] batch 12 phases (ms): latestOffset=4 queryPlanning=31 walCommit=19 addBatch=1402 commitOffsets=16
 * triggerExecution=1480; writer: checks=512 pin.write=301 pin.commit=96 ...; pin.records=3400 geo.records=3300 ...
 * </pre>
 * (one line in the log). The writer's part is printed with the progress of its batch, which Spark reports after the
 * batch's offsets are committed.
 */
final class PhaseReporter extends StreamingQueryListener {

    /** Spark's phases, in the order a micro-batch runs them; others Spark reports follow, by name. */
    private static final List<String> SPARK_PHASES = List.of("latestOffset", "queryPlanning", "getBatch",
            "walCommit", "addBatch", "commitOffsets", "triggerExecution");
    /** Writer parts kept for batches whose progress has not come (yet): a failed batch reports none. */
    private static final int KEPT = 16;

    private final PrintStream out;
    private final Map<Long, String> writerParts = new ConcurrentHashMap<>();

    PhaseReporter(PrintStream out) {
        this.out = out;
    }

    /** Called by the writer when micro-batch {@code batchId} is written. */
    void written(long batchId, PhaseTimes times, Map<SourceTable, BatchCounts> counts) {
        StringJoiner part = new StringJoiner(" ");
        times.millis().forEach((phase, millis) -> part.add(phase + "=" + millis));
        counts.forEach((table, count) -> part.add(table.shortName() + ".records=" + count.read()));
        writerParts.put(batchId, part.toString());
        writerParts.keySet().removeIf(id -> id < batchId - KEPT);
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
        StreamingQueryProgress progress = event.progress();
        if (progress.numInputRows() > 0 || writerParts.containsKey(progress.batchId())) {
            out.println(line(progress.batchId(), progress.durationMs()));
            out.flush();
        }
    }

    /** The line of micro-batch {@code batchId}, given Spark's durations of it; its writer part is then forgotten. */
    String line(long batchId, Map<String, Long> sparkDurations) {
        String writer = writerParts.remove(batchId);
        return LagReporter.PREFIX + "batch " + batchId + " phases (ms): " + sparkPart(sparkDurations) + "; writer: "
                + (writer == null ? "-" : writer);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
    }

    private static String sparkPart(Map<String, Long> durations) {
        List<String> names = new ArrayList<>(SPARK_PHASES);
        names.retainAll(durations.keySet());
        TreeSet<String> others = new TreeSet<>(durations.keySet());
        others.removeAll(SPARK_PHASES);
        names.addAll(others);
        StringJoiner part = new StringJoiner(" ");
        names.forEach(name -> part.add(name + "=" + durations.get(name)));
        return part.toString();
    }
}
