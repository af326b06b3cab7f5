import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * A gateway that does nothing: every request gets an instant, valid REST Proxy v2 answer with one offset per record
 * in the body (or a streams API answer), so a load generator measures itself, not Kafka. Benchmark use only.
 * Usage: java benchmarks/NoopGateway.java PORT_FILE  (listens on a free loopback port and writes it to PORT_FILE)
 */
public final class NoopGateway {

    private static final byte[] VALUE = "{\"value\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "{\"Data\":".getBytes(StandardCharsets.US_ASCII);

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        byte[][] offsets = new byte[10_001][];
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean stream = exchange.getRequestURI().getPath().contains("/streams/");
            int records = Math.max(1, Math.min(10_000, count(body, stream ? DATA : VALUE)));
            byte[] answer = stream ? streamAnswer(records) : cached(offsets, records);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.kafka.v2+json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        Files.writeString(Path.of(args[0]), Integer.toString(server.getAddress().getPort()));
    }

    private static byte[] cached(byte[][] cache, int records) {
        byte[] answer = cache[records];
        if (answer == null) {
            StringBuilder text = new StringBuilder("{\"offsets\":[");
            for (int i = 0; i < records; i++) {
                text.append(i == 0 ? "" : ",").append("{\"partition\":0,\"offset\":").append(i)
                        .append(",\"error_code\":null,\"error\":null}");
            }
            answer = text.append("],\"key_schema_id\":null,\"value_schema_id\":null}").toString()
                    .getBytes(StandardCharsets.UTF_8);
            cache[records] = answer;
        }
        return answer;
    }

    private static byte[] streamAnswer(int records) {
        StringBuilder text = new StringBuilder("{\"FailedRecordCount\":0,\"Records\":[");
        for (int i = 0; i < records; i++) {
            text.append(i == 0 ? "" : ",").append("{\"SequenceNumber\":\"").append(i).append("\",\"ShardId\":\"s\"}");
        }
        return text.append("],\"SequenceNumber\":\"0\"}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int count(byte[] body, byte[] needle) {
        int count = 0;
        outer:
        for (int i = 0; i + needle.length <= body.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            count++;
            i += needle.length - 1;
        }
        return count;
    }
}
