package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Sends the records of one table to the gateway without blocking, and again after a backoff for those that failed
 * retriably, until each is acknowledged or finally failed. Only the failed records are re-sent. Each outcome is
 * counted exactly once in {@link EmulatorStats}.
 */
final class Delivery {

    private final HttpClient client;
    private final GatewayRequests requests;
    private final ResponseReader reader;
    private final RetryPolicy retries;
    private final EmulatorStats stats;
    private final Mode mode;
    /** Where answers are settled and retries scheduled: the client's pool, never a thread per task. */
    private final Executor executor;

    Delivery(HttpClient client, GatewayRequests requests, RetryPolicy retries, EmulatorStats stats, Mode mode) {
        this.client = client;
        this.requests = requests;
        this.reader = new ResponseReader();
        this.retries = retries;
        this.stats = stats;
        this.mode = mode;
        this.executor = client.executor().orElseGet(ForkJoinPool::commonPool);
    }

    /** Completes when every record is acknowledged or finally failed; never completes exceptionally. */
    CompletableFuture<Void> send(SourceTable table, List<? extends SourceRecord> records) {
        stats.sending(records.size());
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(table, records, 1, done);
        return done;
    }

    private void attempt(SourceTable table, List<? extends SourceRecord> records, int attempt,
                         CompletableFuture<Void> done) {
        HttpRequest request;
        try {
            request = requests.request(table, records);
        } catch (RuntimeException e) {
            records.forEach(record -> stats.failed("cannot build the request: " + e.getMessage()));
            done.complete(null);
            return;
        }
        long start = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handleAsync((response, error) -> {
            stats.answered(System.nanoTime() - start);
            ResponseReader.Answer answer = error != null ? reader.unanswered(records.size(), error)
                    : reader.read(mode, records.size(), response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After"));
            settle(table, records, attempt, answer, done);
            return null;
        }, executor).exceptionally(unexpected -> {
            // A bug in settling must not leave the run waiting forever on this delivery.
            records.forEach(record -> stats.failed("internal error: " + unexpected));
            done.complete(null);
            return null;
        });
    }

    private void settle(SourceTable table, List<? extends SourceRecord> records, int attempt,
                        ResponseReader.Answer answer, CompletableFuture<Void> done) {
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
        stats.acknowledged(acknowledged);
        if (again.isEmpty()) {
            done.complete(null);
            return;
        }
        stats.retrying(again.size());
        long delay = retries.delay(attempt, answer.retryAfter()).toMillis();
        CompletableFuture.runAsync(() -> attempt(table, again, attempt + 1, done),
                CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, executor));
    }
}
