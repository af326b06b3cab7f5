package io.pinpipe.emulator.post;

import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends the records of one table to a gateway, until each is acknowledged, finally failed or in doubt; each outcome
 * is counted exactly once in {@link EmulatorStats}. What is sent again, and where, follows from one question: may
 * the gateway have written the records?
 * <ul>
 *   <li><b>Certainly not</b> — the connection was refused or not made within the connect timeout, so not a byte
 *       reached the gateway: the same request goes at once to the next gateway of the {@link GatewayRotation} that
 *       it has not tried and that is not resting (a <em>failover</em>). When none is left, the attempt failed
 *       retriably and waits out the {@link RetryPolicy}.</li>
 *   <li><b>It answered</b> — each record's result is read; the retriable ones (429, 5xx, retriable per-record codes)
 *       are sent again to the same gateway after the {@link RetryPolicy}'s wait, the others are acknowledged or
 *       failed.</li>
 *   <li><b>Maybe</b> — the request went out and the answer never came (connection reset or closed, request timeout):
 *       the records are <em>in doubt</em> and never sent again, to that gateway or another, so a lost answer can
 *       never write a record twice.</li>
 * </ul>
 * Each call is a blocking {@link HttpClient#send} on one of the run's sender threads ({@link EmulatorThreads} says
 * why); retries wait on the run's timer, not on a sender thread.
 */
final class Delivery {

    /** The gateway of a call that goes wherever the rotation's turn says, when it is sent. */
    private static final int NEXT_IN_TURN = -1;

    private final HttpClient client;
    private final ExecutorService senders;
    private final ScheduledExecutorService timer;
    private final GatewayRequests requests;
    private final GatewayRotation rotation;
    private final ResponseReader reader = new ResponseReader();
    private final RetryPolicy retries;
    private final EmulatorStats stats;
    private final Mode mode;

    Delivery(HttpClient client, EmulatorThreads threads, GatewayRequests requests, GatewayRotation rotation,
             RetryPolicy retries, EmulatorStats stats, Mode mode) {
        this.client = client;
        this.senders = threads.senders();
        this.timer = threads.timer();
        this.requests = requests;
        this.rotation = rotation;
        this.retries = retries;
        this.stats = stats;
        this.mode = mode;
    }

    /** Completes when every record is acknowledged, finally failed or in doubt; never completes exceptionally. */
    CompletableFuture<Void> send(SourceTable table, List<? extends SourceRecord> records) {
        stats.sending(records.size());
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Call(table, records, 1, NEXT_IN_TURN, done));
        return done;
    }

    private void submit(Call call) {
        senders.execute(() -> {
            try {
                attempt(call);
            } catch (RuntimeException | Error unexpected) {
                // A bug in sending or settling must not leave the run waiting forever on this delivery.
                call.records().forEach(record -> stats.failed("internal error: " + unexpected));
                call.done().complete(null);
            }
        });
    }

    private void attempt(Call call) {
        byte[] body;
        try {
            body = requests.body(call.table(), call.records());
        } catch (RuntimeException e) {
            call.records().forEach(record -> stats.failed("cannot build the request: " + e.getMessage()));
            call.done().complete(null);
            return;
        }
        int gateway = call.gateway() == NEXT_IN_TURN ? rotation.first() : call.gateway();
        long tried = 0;
        while (true) {
            try {
                HttpResponse<byte[]> response = exchange(call, gateway, body);
                settle(call, gateway, gateway, reader.read(mode, call.records().size(), response.statusCode(),
                        response.body(), response.headers().firstValue("Retry-After")));
                return;
            } catch (ConnectException | HttpConnectTimeoutException unreached) {
                rotation.refused(gateway);
                stats.refused(gateway);
                tried |= 1L << gateway;
                int next = rotation.failover(gateway, tried);
                if (next < 0) {
                    settle(call, NEXT_IN_TURN, gateway, reader.unreached(call.records().size(), unreached));
                    return;
                }
                stats.failedOver();
                gateway = next;
            } catch (IOException | InterruptedException lostAnswer) {
                // Interrupted: only a run torn down under its calls; the request may have gone out all the same.
                if (lostAnswer instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                stats.inDoubt(gateway, call.records().size(), ResponseReader.lostAnswer(lostAnswer));
                call.done().complete(null);
                return;
            }
        }
    }

    /** One request and its answer; throws what the client throws when there is no answer. */
    private HttpResponse<byte[]> exchange(Call call, int gateway, byte[] body)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(requests.request(gateway, call.table(), call.records().size(),
                body), HttpResponse.BodyHandlers.ofByteArray());
        rotation.answered(gateway);
        stats.answered(gateway, System.nanoTime() - start);
        return response;
    }

    /**
     * Counts what the answer settled and sends the retriable rest again, after the policy's wait, to {@code retryTo}:
     * an answer's retries stay with the gateway that answered, a request no gateway took starts a new turn.
     */
    private void settle(Call call, int retryTo, int gateway, ResponseReader.Answer answer) {
        List<SourceRecord> again = new ArrayList<>();
        int acknowledged = 0;
        for (int i = 0; i < call.records().size(); i++) {
            RecordResult result = answer.results().get(i);
            if (result.acknowledged()) {
                acknowledged++;
            } else if (result.retriable() && retries.mayRetry(call.attempt())) {
                again.add(call.records().get(i));
            } else {
                stats.failed(result.reason());
            }
        }
        stats.acknowledged(gateway, acknowledged);
        if (again.isEmpty()) {
            call.done().complete(null);
            return;
        }
        stats.retrying(again.size());
        long delay = retries.delay(call.attempt(), answer.retryAfter()).toMillis();
        timer.schedule(() -> submit(new Call(call.table(), again, call.attempt() + 1, retryTo, call.done())), delay,
                TimeUnit.MILLISECONDS);
    }

    /** One attempt at sending {@code records}, first to {@code gateway} (or {@link #NEXT_IN_TURN}). */
    private record Call(SourceTable table, List<? extends SourceRecord> records, int attempt, int gateway,
                        CompletableFuture<Void> done) {
    }
}
