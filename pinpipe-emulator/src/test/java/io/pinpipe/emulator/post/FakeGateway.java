package io.pinpipe.emulator.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on a loopback port that records every request byte for byte and answers as a script says:
 * by default as the REST Proxy (one offset per record) or the streams API (a sequence number per record) would.
 */
final class FakeGateway implements AutoCloseable {

    /** One request as it arrived: header names lower-cased. */
    record Request(String method, String path, Map<String, String> headers, byte[] body, long receivedNanos) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The records in the body: REST Proxy {@code records[].value}, or {@code Data}/{@code Records[].Data}. */
        List<JsonNode> values() {
            JsonNode json = readJson(body);
            if (json.has("records")) {
                return json.get("records").findValues("value");
            }
            if (json.has("Records")) {
                return json.get("Records").findValues("Data");
            }
            return List.of(json.get("Data"));
        }
    }

    /** What to answer; {@link #DROP} closes the connection without a word. */
    record Reply(int status, Map<String, String> headers, String body) {
        static final Reply DROP = new Reply(-1, Map.of(), "");

        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    @FunctionalInterface
    interface Script {
        /** The answer to the {@code number}th request (from 1). */
        Reply answer(Request request, int number);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        // The JDK server otherwise writes headers and body in two packets and waits out delayed ACKs (~40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Script script = (request, number) -> success(request);

    FakeGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeGateway answering(Script newScript) {
        this.script = newScript;
        return this;
    }

    List<Request> requests() {
        return requests;
    }

    /** Holds an answer back, as a stalled gateway does; ends early when the server closes. */
    static void pause(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The answer a healthy gateway gives: every record acknowledged. */
    static Reply success(Request request) {
        int records = request.values().size();
        StringBuilder body = new StringBuilder();
        if (request.path().contains("/streams/")) {
            if (request.path().endsWith("/record")) {
                return Reply.json(200, "{\"SequenceNumber\":\"1\",\"ShardId\":\"shardId-000000000000\"}");
            }
            body.append("{\"FailedRecordCount\":0,\"Records\":[");
            for (int i = 0; i < records; i++) {
                body.append(i == 0 ? "" : ",").append("{\"SequenceNumber\":\"").append(i)
                        .append("\",\"ShardId\":\"shardId-000000000000\"}");
            }
            return Reply.json(200, body.append("]}").toString());
        }
        body.append("{\"offsets\":[");
        for (int i = 0; i < records; i++) {
            body.append(i == 0 ? "" : ",").append("{\"partition\":0,\"offset\":").append(i)
                    .append(",\"error_code\":null,\"error\":null}");
        }
        return Reply.json(200, body.append("],\"key_schema_id\":null,\"value_schema_id\":null}").toString());
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body,
                System.nanoTime());
        requests.add(request);
        Reply reply = script.answer(request, count.incrementAndGet());
        if (reply.status() < 0) {
            // Closing the exchange before any response header: the client sees the connection end mid-exchange.
            throw new IOException("dropping the connection as scripted");
        }
        byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
        if (answer.length > 0) {
            exchange.getResponseBody().write(answer);
        }
        exchange.close();
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops listening: from then on, connections to {@link #uri()} are refused. Closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
