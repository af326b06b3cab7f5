package io.pinpipe.connect;

import io.pinpipe.connect.store.ObjectStore;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One partition written by two tasks at once, on a real store. Task A (the zombie) stalls while storing its first
 * file, longer than the poll interval, so Connect gives the partition to task B (the owner), which resumes at the
 * committed offset 0 and cuts its files elsewhere (here by another flush.size; in production a wall-clock rotation
 * does it); then A's stalled write goes on. A's offset commits would be refused by Kafka (its generation is stale),
 * so the committed offset moves only with B's. Each task has its own connection to the lake, as two workers would.
 * A subclass names the store the scenarios run on.
 */
abstract class FencingScenarios {

    static final String TOPIC = "zombie.pin";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final String FIRST_FILE = "+0000000000.json";

    /** A new connection to the same lake on each call. */
    abstract ObjectStore newConnection();

    /** The task settings that name the lake. */
    abstract Map<String, String> storeProps();

    /** A's stalled file lands after B's file of the same name: A is fenced, B's files stay as B wrote them. */
    @Test
    void zombieLandingSecondIsFencedAndTheOwnersFilesStay() throws Exception {
        StallingStore zombieStore = new StallingStore(newConnection(), name -> name.endsWith(FIRST_FILE));
        TestContext zombieContext = new TestContext(true);
        LakeSinkTask zombie = task(zombieStore, 3, zombieContext);
        // Files 0-2 and 3-5: the first one's write stalls, and put waits for the one store thread.
        Stalled stalledPut = Stalled.put(zombie, records(0, 6));
        zombieStore.awaitStall();

        ObjectStore ownerStore = newConnection();
        LakeSinkTask owner = task(ownerStore, 4, new TestContext(true));
        owner.put(records(0, 8));
        assertThat(owner.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(8));
        Map<String, String> ownersFiles = files(ownerStore);
        assertThat(ownersFiles).hasSize(2);

        zombieStore.release();
        stalledPut.finish();
        assertThat(zombie.preCommit(Map.of())).as("the zombie offers nothing of the partition").doesNotContainKey(P0);
        assertThat(zombieContext.paused).containsExactly(P0);
        zombie.close(List.of(P0));
        zombie.stop();

        assertThat(files(ownerStore)).as("the owner's files, neither replaced nor joined by the zombie's")
                .isEqualTo(ownersFiles);
        assertThat(Lake.lines(ownerStore, "topics", TOPIC, 0)).containsExactlyElementsOf(values(0, 8));
        owner.stop();
    }

    /**
     * A's stalled file lands first, between B's clean-up and B's own file of that name: B cannot tell which of the two
     * owns the partition, so B stops it and commits nothing past it. The next task given the partition (a restart)
     * resumes at the committed offset, removes A's uncommitted files, and the lake ends whole.
     */
    @Test
    void ownerFindingTheZombiesFileStopsAndARestartMakesTheLakeWhole() throws Exception {
        StallingStore zombieStore = new StallingStore(newConnection(), name -> name.endsWith(FIRST_FILE));
        LakeSinkTask zombie = task(zombieStore, 3, new TestContext(true));
        Stalled stalledPut = Stalled.put(zombie, records(0, 6));
        zombieStore.awaitStall();

        TestContext ownerContext = new TestContext(true);
        LakeSinkTask owner = task(newConnection(), 4, ownerContext);
        owner.put(records(0, 1));
        zombieStore.release();
        stalledPut.finish();
        owner.put(records(1, 7));

        assertThat(owner.preCommit(Map.of())).as("nothing committed past the conflict").doesNotContainKey(P0);
        assertThat(ownerContext.paused).containsExactly(P0);
        owner.close(List.of(P0));
        owner.stop();
        zombie.close(List.of(P0));
        zombie.stop();

        ObjectStore store = newConnection();
        LakeSinkTask next = task(store, 4, new TestContext(true));
        next.put(records(0, 8));
        assertThat(next.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(8));
        assertThat(Lake.lines(store, "topics", TOPIC, 0)).containsExactlyElementsOf(values(0, 8));
        next.stop();
    }

    /** A started task with {@code P0} assigned, writing files of {@code flushSize} records on one store thread. */
    LakeSinkTask task(ObjectStore store, int flushSize, TestContext context) {
        return task(store, flushSize, context, storeProps());
    }

    /** The same with settings of the caller's. */
    static LakeSinkTask task(ObjectStore store, int flushSize, TestContext context, Map<String, String> settings) {
        LakeSinkTask task = new LakeSinkTask(config -> store, () -> 1_700_000_000_000L);
        task.initialize(context);
        Map<String, String> props = new HashMap<>(settings);
        props.put(LakeSinkConfig.FLUSH_SIZE, Integer.toString(flushSize));
        props.put(LakeSinkConfig.STORE_THREADS, "1");
        task.start(props);
        task.open(List.of(P0));
        return task;
    }

    static List<SinkRecord> records(long from, int count) {
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = from; offset < from + count; offset++) {
            records.add(new SinkRecord(TOPIC, 0, null, null, null, value(offset).getBytes(StandardCharsets.UTF_8),
                    offset, 1_700_000_000_000L + offset, TimestampType.CREATE_TIME));
        }
        return records;
    }

    static List<String> values(long from, int count) {
        List<String> values = new ArrayList<>();
        for (long offset = from; offset < from + count; offset++) {
            values.add(value(offset));
        }
        return values;
    }

    private static String value(long offset) {
        return "{\"ind\":" + offset + ",\"title\":\"pin " + offset + "\"}";
    }

    /** Every lake file of the topic with its content. */
    private static Map<String, String> files(ObjectStore store) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String name : store.list("topics/" + TOPIC + "/")) {
            files.put(name, new String(store.get(name), StandardCharsets.UTF_8));
        }
        return files;
    }

    /** A put running on its own thread because it stalls; {@link #finish} waits for it and rethrows its failure. */
    private record Stalled(Thread thread, AtomicReference<Throwable> failure) {

        static Stalled put(LakeSinkTask task, List<SinkRecord> records) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    task.put(records);
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "stalled-put");
            thread.start();
            return new Stalled(thread, failure);
        }

        void finish() throws InterruptedException {
            thread.join(30_000);
            assertThat(thread.isAlive()).as("the stalled put returned").isFalse();
            assertThat(failure.get()).as("the stalled put's failure").isNull();
        }
    }
}
