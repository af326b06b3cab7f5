package io.pinpipe.cli.stream;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.StreamRecordJson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stream benchmark's load: {@code PutRecords} requests of 100 records to the gateway's streams API, the three
 * streams in turn, paced to a rate, at most 64 in flight. Records get consecutive {@code ind}s from 1; the time of
 * each request's acknowledgment (its 200 answer) is kept per request, which all its records share.
 */
final class LoadGenerator {

    static final int PER_REQUEST = 100;
    private static final int IN_FLIGHT = 64;

    private final URI gateway;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Acknowledgment time (epoch ms) by request number; request r holds inds 100 r + 1 to 100 r + 100. */
    private final Map<Integer, Long> ackOfRequest = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private int nextInd = 1;

    LoadGenerator(URI gateway) {
        this.gateway = gateway;
    }

    /** What one part of the run sent, and when. */
    record Part(String name, int rate, int firstInd, int records, double achievedRate, long startMillis,
                long endMillis) {

        boolean reachedRate() {
            return achievedRate >= 0.9 * rate;
        }
    }

    /** Sends {@code rate} records/s for {@code seconds}; returns once every request is acknowledged. */
    Part send(String name, int rate, int seconds) throws Exception {
        int requests = rate * seconds / PER_REQUEST;
        int firstInd = nextInd;
        nextInd += requests * PER_REQUEST;
        double intervalNanos = 1e9 * PER_REQUEST / rate;
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        AtomicLong lastAck = new AtomicLong();
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        for (int request = 0; request < requests; request++) {
            long wait = start + (long) (request * intervalNanos) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            SourceTable table = SourceTable.values()[request % 3];
            int first = firstInd + request * PER_REQUEST;
            HttpRequest put = HttpRequest.newBuilder(gateway.resolve("/streams/streaming-bench-" + table.shortName()
                            + "/records")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(body(table, first))).build();
            inFlight.acquire();
            answers.add(client.sendAsync(put, HttpResponse.BodyHandlers.ofString()).thenAccept(answer -> {
                long ack = System.currentTimeMillis();
                if (answer.statusCode() != 200 || answer.body().contains("\"FailedRecordCount\":1")) {
                    throw new IllegalStateException("PutRecords answered " + answer.statusCode() + ": "
                            + answer.body());
                }
                ackOfRequest.put((first - 1) / PER_REQUEST, ack);
                acknowledged.addAndGet(PER_REQUEST);
                lastAck.accumulateAndGet(ack, Math::max);
            }).whenComplete((ok, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        int records = requests * PER_REQUEST;
        double achieved = records / Math.max(0.001, (lastAck.get() - startMillis) / 1000.0);
        return new Part(name, rate, firstInd, records, achieved, startMillis, lastAck.get());
    }

    /** Records acknowledged so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** Records sent so far (all acknowledged once {@link #send} returned). */
    int sent() {
        return nextInd - 1;
    }

    /** When the record {@code ind} was acknowledged (epoch ms). */
    long ackOf(int ind) {
        return ackOfRequest.get((ind - 1) / PER_REQUEST);
    }

    private static String body(SourceTable table, int firstInd) {
        StringBuilder body = new StringBuilder("{\"Records\":[");
        for (int ind = firstInd; ind < firstInd + PER_REQUEST; ind++) {
            body.append(ind == firstInd ? "" : ",").append("{\"PartitionKey\":\"").append(ind).append("\",\"Data\":")
                    .append(StreamRecordJson.of(table, ind)).append('}');
        }
        return body.append("]}").toString();
    }
}
