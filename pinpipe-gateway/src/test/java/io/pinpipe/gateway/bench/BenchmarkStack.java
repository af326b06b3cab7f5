package io.pinpipe.gateway.bench;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.common.TestData;
import io.pinpipe.gateway.GatewayServer;
import io.pinpipe.gateway.config.GatewayConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The stack {@code benchmarks/gateway.sh} and {@code benchmarks/ingest.sh} measure: a real broker and the gateway in
 * this JVM, rate limits and the access log off. Topics, 3 partitions each: {@code bench} (v2 produce),
 * {@code bench-raw} (the raw producer), {@code streaming-bench} (the streams API), {@code bench-read} (consumer API
 * reads) and the emulator's {@code pinpipe.pin}, {@code pinpipe.geo}, {@code pinpipe.user}. Writes
 * {@code bootstrap=} and {@code url=} lines to the file named by the first argument, then runs until stdin closes.
 */
public final class BenchmarkStack {

    private static final List<String> TOPICS = List.of("bench", "bench-raw", "streaming-bench", "bench-read",
            "pinpipe.pin", "pinpipe.geo", "pinpipe.user");

    private BenchmarkStack() {
    }

    public static void main(String[] args) throws Exception {
        Path info = Path.of(args[0]);
        Path data = Files.createTempDirectory("pinpipe-bench");
        try {
            run(info, data);
        } finally {
            // The broker's log of a run is a gigabyte or more; nothing reads it afterwards.
            TestData.delete(data);
        }
    }

    private static void run(Path info, Path data) throws Exception {
        try (LocalKafka kafka = LocalKafka.inFolder(data).start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                admin.createTopics(TOPICS.stream().map(name -> new NewTopic(name, 3, (short) 1)).toList())
                        .all().get();
            }
            GatewayConfig config = GatewayConfig.of(Map.of("listeners", "http://127.0.0.1:0",
                    "bootstrap.servers", kafka.bootstrapServers(), "pinpipe.rate.limit.per.second", "0",
                    "pinpipe.access.log.enabled", "false"))
                    .with(producerOverrides());
            try (GatewayServer gateway = GatewayServer.start(config)) {
                Files.writeString(info, "bootstrap=" + kafka.bootstrapServers() + "\nurl=" + gateway.baseUri()
                        + "\n", StandardCharsets.UTF_8);
                while (System.in.read() >= 0) {
                    // runs until the script closes stdin
                }
            }
        }
    }

    /** {@code PINPIPE_BENCH_PRODUCER=linger.ms=1,batch.size=16384}: producer settings to compare, for experiments. */
    private static Map<String, String> producerOverrides() {
        String overrides = System.getenv("PINPIPE_BENCH_PRODUCER");
        Map<String, String> settings = new java.util.TreeMap<>();
        if (overrides != null && !overrides.isBlank()) {
            for (String pair : overrides.split(",")) {
                String[] keyValue = pair.split("=", 2);
                settings.put("producer." + keyValue[0].trim(), keyValue[1].trim());
            }
        }
        return settings;
    }
}
