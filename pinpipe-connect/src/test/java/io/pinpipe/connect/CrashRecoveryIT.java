package io.pinpipe.connect;

import io.pinpipe.connect.store.LocalFolderStore;
import io.pinpipe.connect.worker.WorkerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a real worker at random moments while records stream in, ten times, then one clean run: the
 * lake must hold every produced record exactly once, in offset order.
 */
class CrashRecoveryIT {

    private static final String TOPIC = "crash.pin";
    private static final int KILLS = 10;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void lakeHoldsEveryRecordExactlyOnceAfterRepeatedKillMinus9() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path lake = dir.resolve("lake");
        Map<String, String> connector = Map.of("topics", TOPIC, "local.dir", lake.toString(), "flush.size", "40",
                "rotate.interval.ms", "1500");
        try (WorkerFixture fixture = new WorkerFixture(dir)) {
            fixture.createTopic(TOPIC, 2);
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            Thread producer = new Thread(() -> {
                while (producing.get() && sent.get() < 30_000) {
                    int n = sent.getAndIncrement();
                    fixture.send(TOPIC, n % 2, ("{\"seq\":" + n + ",\"title\":\"pin " + n + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
                    if (n % 20 == 0) {
                        sleep(10);
                    }
                }
                fixture.flush();
            }, "producer");
            producer.start();

            for (int kill = 0; kill < KILLS; kill++) {
                WorkerProcess worker = fixture.startWorker("crash", connector, Map.of());
                worker.awaitRunning(WorkerFixture.START_TIMEOUT);
                Thread.sleep(random.nextInt(2_500));
                worker.kill();
            }
            producing.set(false);
            producer.join();

            // The target is what Kafka holds, not what was sent: the producer here does not wait for its sends, and
            // right after the topic is created a first batch can fail (NOT_LEADER_OR_FOLLOWER, then
            // OUT_OF_ORDER_SEQUENCE_NUMBER) without ever being in Kafka, so it can never be in the lake either.
            int total = fixture.values(TOPIC, 0).size() + fixture.values(TOPIC, 1).size();
            LocalFolderStore store = new LocalFolderStore(lake);
            try (WorkerProcess worker = fixture.startWorker("crash", connector, Map.of())) {
                worker.awaitRunning(WorkerFixture.START_TIMEOUT);
                WorkerFixture.await("all " + total + " records in the lake", Duration.ofSeconds(120),
                        () -> lineCount(store) >= total);
            }
            for (int partition = 0; partition < 2; partition++) {
                assertThat(Lake.lines(store, "topics", TOPIC, partition))
                        .as("partition %d (seed %d)", partition, seed)
                        .containsExactlyElementsOf(fixture.values(TOPIC, partition));
            }
            assertThat(total).isGreaterThan(1_000);
        }
    }

    private static int lineCount(LocalFolderStore store) {
        try {
            return Lake.lines(store, "topics", TOPIC, 0).size() + Lake.lines(store, "topics", TOPIC, 1).size();
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
