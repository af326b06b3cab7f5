package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Sends the records of one table to a gateway without blocking, and again after a backoff for those that failed
 * retriably, until each is acknowledged or finally failed. Only the failed records are re-sent. Each outcome is
 * counted exactly once in {@link EmulatorStats}.
 *
 * <p>With several gateways, a call that one gateway failed (no answer, or a 5xx) goes at once, with the same bytes,
 * to the next gateway, until every gateway has had it once; only then does it count as a failed attempt and wait.
 * A call whose answer was lost after it was sent may have been written: sending it again is at-least-once, as the
 * REST Proxy's own clients are, and such re-sends are counted apart ({@link EmulatorStats#resentAfterLostAnswer}).
 */
final class Delivery {

    private final GatewayTransport transport;
    private final GatewayRotation gateways;
    private final GatewayRequests requests;
    private final ResponseReader reader;
    private final RetryPolicy retries;
    private final EmulatorStats stats;
    private final Mode mode;

    Delivery(GatewayTransport transport, GatewayRotation gateways, GatewayRequests requests, RetryPolicy retries,
             EmulatorStats stats, Mode mode) {
        this.transport = transport;
        this.gateways = gateways;
        this.requests = requests;
        this.reader = new ResponseReader();
        this.retries = retries;
        this.stats = stats;
        this.mode = mode;
    }

    /** Completes when every record is acknowledged or finally failed; never completes exceptionally. */
    CompletableFuture<Void> send(SourceTable table, List<? extends SourceRecord> records) {
        stats.sending(records.size());
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(table, records, 1, done);
        return done;
    }

    /** Attempt number {@code attempt} of {@code records}: a fresh call to the next gateway in turn. */
    private void attempt(SourceTable table, List<? extends SourceRecord> records, int attempt,
                         CompletableFuture<Void> done) {
        GatewayCall call;
        try {
            call = requests.request(table, records);
        } catch (RuntimeException e) {
            records.forEach(record -> stats.failed("cannot build the request: " + e.getMessage()));
            done.complete(null);
            return;
        }
        new Try(table, records, attempt, call, done).on(gateways.next(), 1);
    }

    /** One attempt's call, carried from gateway to gateway until one answers or all have failed it. */
    private final class Try {
        private final SourceTable table;
        private final List<? extends SourceRecord> records;
        private final int attempt;
        private final GatewayCall call;
        private final CompletableFuture<Void> done;

        Try(SourceTable table, List<? extends SourceRecord> records, int attempt, GatewayCall call,
            CompletableFuture<Void> done) {
            this.table = table;
            this.records = records;
            this.attempt = attempt;
            this.call = call;
            this.done = done;
        }

        /** Sends the call to gateway {@code gateway}, the {@code tried}th gateway of this attempt. */
        void on(int gateway, int tried) {
            long start = System.nanoTime();
            transport.send(gateways.base(gateway), call).handle((answer, error) -> {
                boolean gatewayFailed = error != null || answer.serverFailed();
                boolean answerLost = error != null && !neverConnected(error);
                stats.answered(gateway, System.nanoTime() - start, gatewayFailed);
                if (gatewayFailed && tried < gateways.size()) {
                    stats.failedOver();
                    if (answerLost) {
                        stats.resentAfterLostAnswer(records.size());
                    }
                    on(gateways.after(gateway), tried + 1);
                    return null;
                }
                ResponseReader.Answer read = error != null ? reader.unanswered(records.size(), error)
                        : reader.read(mode, records.size(), answer.status(), answer.body(), answer.retryAfter());
                settle(gateway, read, answerLost);
                return null;
            }).exceptionally(unexpected -> {
                // A bug in settling must not leave the run waiting forever on this delivery.
                records.forEach(record -> stats.failed("internal error: " + unexpected));
                done.complete(null);
                return null;
            });
        }

        private void settle(int gateway, ResponseReader.Answer answer, boolean answerLost) {
            List<SourceRecord> again = new ArrayList<>();
            int acknowledged = 0;
            for (int i = 0; i < records.size(); i++) {
                RecordResult result = answer.results().get(i);
                if (result.acknowledged()) {
                    acknowledged++;
                } else if (result.retriable() && retries.mayRetry(attempt)) {
                    again.add(records.get(i));
                } else {
                    stats.failed(result.reason());
                }
            }
            stats.acknowledged(gateway, acknowledged);
            if (again.isEmpty()) {
                done.complete(null);
                return;
            }
            stats.retrying(again.size());
            if (answerLost) {
                stats.resentAfterLostAnswer(again.size());
            }
            transport.schedule(retries.delay(attempt, answer.retryAfter()),
                    () -> attempt(table, again, attempt + 1, done));
        }
    }

    /** True when the call never reached the gateway (connection refused), so sending it again cannot duplicate. */
    private static boolean neverConnected(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof ConnectException;
    }
}
