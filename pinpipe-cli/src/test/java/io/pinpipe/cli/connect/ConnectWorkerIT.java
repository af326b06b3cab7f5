package io.pinpipe.cli.connect;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.cli.Main;
import io.pinpipe.common.LakeFiles;
import io.pinpipe.common.Settings;
import io.pinpipe.common.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ConnectWorker} against a real broker: the user's topics reach the lake folder within seconds. */
class ConnectWorkerIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void workerLandsTheUsersTopicsInTheLakeFolderAndStatusShowsItRunningWithoutLag() throws Exception {
        Path dataDir = dir.resolve("data");
        try (LocalKafka kafka = LocalKafka.inFolder(dir.resolve("broker")).start()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("pinpipe.pin", 1, (short) 1),
                        new NewTopic("someone.pin", 1, (short) 1))).all().get();
            }
            List<String> sent = new ArrayList<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 20; i++) {
                    String value = "{\"index\":" + i + ",\"unique_id\":\"u-" + i + "\",\"follower_count\":\"1M\"}";
                    sent.add(value);
                    producer.send(new ProducerRecord<>("pinpipe.pin", value));
                    producer.send(new ProducerRecord<>("someone.pin", value));
                }
            }
            ConnectWorker.Plugin plugin = ConnectWorker.Plugin.fromRoot(Path.of(".."));
            Settings settings = Settings.of(Map.of("connect.flush.size", "5"));

            try (ConnectWorker worker = ConnectWorker.start(dataDir, kafka.bootstrapServers(), settings, plugin)) {
                Path folder = dataDir.resolve("lake/topics/pinpipe.pin/partition=0");
                awaitTrue(30, () -> files(folder).size() == 4);

                assertThat(files(folder)).containsExactly("pinpipe.pin+0+0000000000.json",
                        "pinpipe.pin+0+0000000005.json", "pinpipe.pin+0+0000000010.json",
                        "pinpipe.pin+0+0000000015.json");
                assertThat(Files.readString(folder.resolve("pinpipe.pin+0+0000000005.json")))
                        .isEqualTo(String.join("\n", sent.subList(5, 10)) + "\n");
                assertThat(dataDir.resolve("lake/topics/someone.pin")).doesNotExist();

                awaitTrue(30, () -> status(dataDir).contains("total lag: 0 "));
                String status = status(dataDir);
                assertThat(status).contains("connector pinpipe-lake: RUNNING", "task 0: RUNNING")
                        .containsPattern("pinpipe\\.pin\\s+0\\s+20\\s+20\\s+0");
            }
            assertThat(status(dataDir)).contains("worker not running");
        }
    }

    private static String status(Path dataDir) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.execute("--data-dir", dataDir.toString(), "connect", "status");
        return out.toString();
    }

    private static List<String> files(Path folder) {
        // folder is <lake>/topics/<topic>/partition=<p>
        Path lake = folder.getParent().getParent().getParent();
        String topic = folder.getParent().getFileName().toString();
        int partition = Integer.parseInt(folder.getFileName().toString().substring("partition=".length()));
        return LakeFiles.of(lake, TopicLayout.defaults(), topic, partition).stream()
                .map(file -> file.getFileName().toString()).toList();
    }

    private static void awaitTrue(int seconds, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(200);
        }
    }
}
