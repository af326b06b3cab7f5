package io.pinpipe.connect;

import io.pinpipe.common.Await;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.store.ObjectStore;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * One partition written by two tasks at once, on a real store. Task A (the zombie) stalls while storing a file,
 * longer than the poll interval, so Connect gives the partition to task B (the owner), which resumes at the
 * committed offset 0 and cuts its files elsewhere (here by another flush.size; in production a wall-clock rotation
 * does it); then A's stalled write goes on. A's offset commits would be refused by Kafka (its generation is stale),
 * so the committed offset moves only with B's. Each task has its own connection to the lake, as two workers would.
 * A subclass names the store the scenarios run on.
 */
abstract class FencingScenarios {

    static final String TOPIC = "zombie.pin";
    static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    static final String FIRST_FILE = "+0000000000.json";
    static final String PARTITION_FOLDER = "topics/" + TOPIC + "/partition=0/";

    /** A new connection to the same lake on each call. */
    abstract ObjectStore newConnection();

    /** The task settings that name the lake. */
    abstract Map<String, String> storeProps();

    /**
     * The overlapping names: A published its file 0-2, then stalls before publishing 3-5 (a paused worker process);
     * B resumes at 0 with files 0-3 and 4-7, whose names never meet A's 3-5. B's owner marker stops A's file when A
     * goes on, so no record is in the lake twice, and A fences the partition; B's files stay as B wrote them.
     */
    @Test
    void zombieCuttingOtherFilesThanTheOwnerPublishesNoneOnceTheOwnerClaimed() throws Exception {
        StallingStore zombieStore = new StallingStore(newConnection(), name -> name.endsWith(fileName(3)));
        TestContext zombieContext = new TestContext(true);
        LakeSinkTask zombie = task(zombieStore, 3, zombieContext);
        zombie.put(records(0, 6));
        zombieStore.awaitStall();
        assertThat(files(zombieStore)).as("the zombie's first file, published before it stalled")
                .containsOnlyKeys(PARTITION_FOLDER + fileName(0));

        ObjectStore ownerStore = newConnection();
        LakeSinkTask owner = ownerCommittingZeroToSeven(ownerStore);
        Map<String, String> ownersFiles = files(ownerStore);

        zombieStore.release();
        zombieStore.awaitStallEnded();
        assertZombieFencedAndOwnersFilesAlone(zombie, zombieContext, ownerStore, ownersFiles);
        owner.stop();
    }

    /**
     * The zombie LocalClusterIT found (issue 14): A was assigned the partition while it held no record yet, and its
     * worker was paused before A took the partition's first record. B got the partition, resumed at 0, wrote 0-3 and
     * 4-7 and committed 8. When A's worker goes on, A's consumer, not yet told that it left the group, hands A the
     * records from where A was assigned: 0-9. Had A claimed the partition only now, at its first record, its claim
     * would replace B's, its clean-up from 0 would delete B's committed files, and its files 0-4 and 5-9 would overlap
     * B's successor's, which resumes at 8 and cleans only from there (records 8 and 9 twice). A claimed at its
     * assignment instead, so B's claim is the later one: A's clean-up is refused and A fences the partition.
     */
    @Test
    void zombieAssignedBeforeThePartitionHadRecordsTakesNothingFromTheOwnerWhenItsFirstRecordsCome() throws Exception {
        TestContext zombieContext = new TestContext(true);
        LakeSinkTask zombie = task(newConnection(), 5, zombieContext);

        ObjectStore ownerStore = newConnection();
        LakeSinkTask owner = ownerCommittingZeroToSeven(ownerStore);
        Map<String, String> ownersFiles = files(ownerStore);

        zombie.put(records(0, 10));
        assertZombieFencedAndOwnersFilesAlone(zombie, zombieContext, ownerStore, ownersFiles);
        owner.stop();
    }

    /**
     * close stops the partition at once, even with its store stalled: the file being stored (0-2) is stopped at its
     * guard when the store goes on, the one waiting behind it (3-5) and the open one (6) are dropped, and close
     * returns after store.wait.max.ms instead of waiting for the store. No other task claimed the partition, so this
     * is the revocation alone, not the owner marker.
     */
    @Test
    void closingAPartitionPublishesNoneOfItsPendingFilesAndReturnsWhileTheStoreStalls() throws Exception {
        StallingStore store = new StallingStore(newConnection(), name -> name.endsWith(FIRST_FILE));
        Map<String, String> settings = new HashMap<>(storeProps());
        settings.put(LakeSinkConfig.STORE_WAIT_MAX_MS, "300");
        LakeSinkTask task = task(store, 3, new TestContext(true), settings);
        assertThatThrownBy(() -> task.put(records(0, 7))).isInstanceOf(RetriableException.class);
        store.awaitStall();

        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> task.close(List.of(P0)),
                "close returns while the store still stalls (it stalls until released, up to 60 s)");
        store.release();
        store.awaitStallEnded();
        task.stop();

        assertThat(files(newConnection())).as("no file of the closed partition").isEmpty();
    }

    /**
     * How a zombie scenario ends: the zombie fenced the partition (offers nothing of it, paused it) and is stopped;
     * the owner's files are as the owner wrote them, alone, with records 0-7 once.
     */
    static void assertZombieFencedAndOwnersFilesAlone(LakeSinkTask zombie, TestContext zombieContext,
            ObjectStore ownerStore, Map<String, String> ownersFiles) throws IOException, InterruptedException {
        // The stalled write's refusal reaches the task thread at its next preCommit (or put) after the store thread
        // finished: the first preCommit may still wait for it, and offers nothing of the partition meanwhile.
        assertThat(Await.until(Duration.ofSeconds(10), () -> {
            assertThat(zombie.preCommit(Map.of())).as("the zombie offers nothing of the partition")
                    .doesNotContainKey(P0);
            return !zombieContext.paused.isEmpty();
        })).as("the zombie fenced the partition").isTrue();
        assertThat(zombieContext.paused).containsExactly(P0);
        zombie.close(List.of(P0));
        zombie.stop();

        assertThat(files(ownerStore)).as("the owner's files, neither replaced nor joined by the zombie's")
                .isEqualTo(ownersFiles);
        assertThat(Lake.lines(ownerStore, "topics", TOPIC, 0)).containsExactlyElementsOf(values(0, 8));
    }

    /** B, the owner, on a connection of its own: resumes at 0, writes files 0-3 and 4-7 and commits 8. */
    LakeSinkTask ownerCommittingZeroToSeven(ObjectStore ownerStore) throws IOException {
        LakeSinkTask owner = task(ownerStore, 4, new TestContext(true));
        owner.put(records(0, 8));
        assertThat(owner.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(8));
        assertThat(files(ownerStore)).containsOnlyKeys(PARTITION_FOLDER + fileName(0), PARTITION_FOLDER + fileName(4));
        return owner;
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

    /** Every lake file of the topic with its content (not the hidden owner marker). */
    static Map<String, String> files(ObjectStore store) throws IOException {
        Map<String, String> files = new TreeMap<>();
        for (String name : store.list("topics/" + TOPIC + "/")) {
            if (TopicLayout.parse(name).isPresent()) {
                files.put(name, new String(store.get(name), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    static String fileName(long offset) {
        return String.format("%s+0+%010d.json", TOPIC, offset);
    }

    /** A put running on its own thread because it stalls; {@link #finish} waits for it and asserts it did not fail. */
    record Stalled(Thread thread, AtomicReference<Throwable> failure) {

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
            assertThat(end()).as("the stalled put's failure").isNull();
        }

        /** Waits for the put to end and returns what it threw, or null. */
        Throwable end() throws InterruptedException {
            thread.join(30_000);
            assertThat(thread.isAlive()).as("the stalled put returned").isFalse();
            return failure.get();
        }
    }
}
