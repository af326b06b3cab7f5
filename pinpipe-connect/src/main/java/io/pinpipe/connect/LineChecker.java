package io.pinpipe.connect;

import io.pinpipe.connect.format.JsonLines;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns a batch of records into their lines ({@link JsonLines#line}), the JSON check being the task's biggest cost
 * per record. A large batch is split in two: a helper thread checks the first half while the task thread checks the
 * second, so a second core halves the wait. Results come back in the batch's order; what the task does with them
 * (bad records, files) stays on the task thread, as before.
 */
final class LineChecker implements AutoCloseable {

    /** Below this many records a batch is checked on the task thread alone: the hand-over would cost more. */
    static final int MIN_SPLIT = 256;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService helper;

    LineChecker(boolean split) {
        String name = "lake-check-" + POOLS.incrementAndGet();
        this.helper = split ? Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    /**
     * One result per record, in order: the line (byte[]) or the {@link DataException} saying why the record has
     * none. Any other failure is thrown.
     */
    Object[] lines(List<SinkRecord> records) {
        Object[] results = new Object[records.size()];
        int half = records.size() / 2;
        if (helper == null || records.size() < MIN_SPLIT) {
            check(records, results, 0, records.size());
            return results;
        }
        Future<?> first = helper.submit(() -> check(records, results, 0, half));
        check(records, results, half, records.size());
        try {
            // The future's completion makes the helper's writes to results visible here.
            first.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            first.cancel(true);
            throw new org.apache.kafka.connect.errors.RetriableException("interrupted while checking records", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
        return results;
    }

    private static void check(List<SinkRecord> records, Object[] results, int from, int to) {
        for (int i = from; i < to; i++) {
            try {
                results[i] = JsonLines.line(records.get(i));
            } catch (DataException e) {
                results[i] = e;
            }
        }
    }

    @Override
    public void close() {
        if (helper != null) {
            helper.shutdownNow();
        }
    }
}
