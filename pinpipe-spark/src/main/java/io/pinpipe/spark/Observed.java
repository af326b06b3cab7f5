package io.pinpipe.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import scala.concurrent.Await;
import scala.concurrent.duration.Duration;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Counts taken on the way by the action that consumes a dataset ({@link Dataset#observe}), so counting never reads
 * the data a second time: Spark computes the aggregates inside the write or merge and hands them back when that
 * action returns.
 */
final class Observed {

    /** Spark sets the metrics as the action returns; the wait only bounds a failure to report them. */
    private static final long WAIT_SECONDS = 60;

    private final Observation observation = new Observation();
    private final String what;

    /** @param what what is counted, for the error when Spark reports nothing (e.g. {@code the rows of bench.pin}) */
    Observed(String what) {
        this.what = what;
    }

    /** {@code rows} with the aggregates attached; count with the returned dataset, then read {@link #metrics()}. */
    Dataset<Row> on(Dataset<Row> rows, Column first, Column... rest) {
        return rows.observe(observation, first, rest);
    }

    /** The aggregates by name, once an action has run the observed dataset. */
    Map<String, Object> metrics() {
        try {
            Await.ready(observation.future(), Duration.create(WAIT_SECONDS, TimeUnit.SECONDS));
            return observation.getAsJava();
        } catch (TimeoutException e) {
            throw new IllegalStateException("Spark reported no counts of " + what + " within " + WAIT_SECONDS
                    + " s of the action that read them", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the counts of " + what, e);
        }
    }

    /** A counter's value: {@code sum} over no rows is null, which counts as 0. */
    long count(String name) {
        Object value = metrics().get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
