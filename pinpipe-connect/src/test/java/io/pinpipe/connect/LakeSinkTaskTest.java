package io.pinpipe.connect;

import io.pinpipe.common.Await;
import io.pinpipe.connect.store.LocalFolderStore;
import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.PublishGuard;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LakeSinkTaskTest {

    private static final String TOPIC = "pinpipe.pin";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    @TempDir
    Path lake;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    @Test
    void writesOneFilePerFlushSizeNamedByStartOffsetWithTheValuesAsSent() throws IOException {
        LakeSinkTask task = started(new LocalFolderStore(lake), Map.of(LakeSinkConfig.FLUSH_SIZE, "2"), true);

        task.put(records(0, 0, 5));
        task.preCommit(Map.of());

        Path folder = lake.resolve("topics/pinpipe.pin/partition=0");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted())
                    .containsExactly("pinpipe.pin+0+0000000000.json", "pinpipe.pin+0+0000000002.json");
        }
        assertThat(Files.readString(folder.resolve("pinpipe.pin+0+0000000002.json")))
                .isEqualTo(value(0, 2) + "\n" + value(0, 3) + "\n");
    }

    @Test
    void preCommitOffersOnlyRecordsWhoseFileIsStored() {
        LakeSinkTask task = started(new LocalFolderStore(lake), Map.of(LakeSinkConfig.FLUSH_SIZE, "3"), true);

        task.put(records(0, 0, 5));

        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void idleFileIsStoredOnceRotateIntervalHasPassedSinceItsFirstRecord() {
        LakeSinkTask task = started(new LocalFolderStore(lake), Map.of(LakeSinkConfig.ROTATE_INTERVAL_MS, "1000"),
                true);
        task.put(records(0, 0, 2));
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(0));

        clock.addAndGet(2_000);
        task.put(List.of());

        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(2));
        assertThat(lake.resolve("topics/pinpipe.pin/partition=0/pinpipe.pin+0+0000000000.json")).exists();
    }

    @Test
    void badRecordWithoutErrorReporterFailsTheTaskNamingTopicPartitionAndOffset() {
        LakeSinkTask task = started(new LocalFolderStore(lake), Map.of(), false);

        assertThatThrownBy(() -> task.put(List.of(record(P0, 7, "not json".getBytes(StandardCharsets.UTF_8)))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("pinpipe.pin-0@7")
                .hasMessageContaining("not JSON");
    }

    @Test
    void badRecordsGoToTheErrantRecordReporterWithTheirReasonAndAreCommittedPast() {
        TestContext context = new TestContext(true);
        LakeSinkTask task = new LakeSinkTask(config -> new LocalFolderStore(lake), clock::get);
        task.initialize(context);
        task.start(props(Map.of(LakeSinkConfig.FLUSH_SIZE, "1")));
        task.open(List.of(P0));

        task.put(List.of(record(P0, 0, null), record(P0, 1, value(0, 1).getBytes(StandardCharsets.UTF_8))));

        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L);
        assertThat(context.reasons.get(0)).hasMessageContaining("tombstone");
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(2));
    }

    @Test
    void aBatchCheckedOnTwoThreadsReportsItsBadRecordsInOrderAndWritesTheRestAsSent() throws IOException {
        TestContext context = new TestContext(true);
        LakeSinkTask task = new LakeSinkTask(config -> new LocalFolderStore(lake), clock::get);
        task.initialize(context);
        task.start(props(Map.of(LakeSinkConfig.FLUSH_SIZE, "10000", LakeSinkConfig.ROTATE_INTERVAL_MS, "1000000")));
        task.open(List.of(P0));
        int size = LineChecker.MIN_SPLIT * 2 + 1;
        List<SinkRecord> batch = new ArrayList<>(records(0, 0, size));
        List<Integer> bad = List.of(3, LineChecker.MIN_SPLIT - 1, LineChecker.MIN_SPLIT + 5, size - 1);
        for (int offset : bad) {
            batch.set(offset, record(P0, offset, ("not json " + offset).getBytes(StandardCharsets.UTF_8)));
        }

        task.put(batch);

        assertThat(context.reported).extracting(SinkRecord::kafkaOffset)
                .containsExactly(bad.stream().map(Integer::longValue).toArray(Long[]::new));
        clock.addAndGet(2_000_000);
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(size));
        List<String> expected = new ArrayList<>();
        for (int offset = 0; offset < size; offset++) {
            if (!bad.contains(offset)) {
                expected.add(value(0, offset));
            }
        }
        assertThat(Lake.lines(new LocalFolderStore(lake), "topics", TOPIC, 0)).containsExactlyElementsOf(expected);
        task.stop();
    }

    @Test
    void storeOutageOnTheTaskThreadIsRetriableWithBackoffAndTheRetryWritesEachRecordOnce() throws IOException {
        FailingOnce store = new FailingOnce(new LocalFolderStore(lake));
        TestContext context = new TestContext(true);
        LakeSinkTask task = new LakeSinkTask(config -> store, clock::get);
        task.initialize(context);
        task.start(props(Map.of(LakeSinkConfig.FLUSH_SIZE, "2", LakeSinkConfig.STORE_THREADS, "0")));
        task.open(List.of(P0));
        List<SinkRecord> batch = records(0, 0, 4);

        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("pinpipe.pin+0+0000000000.json");
        assertThat(context.lastTimeout).isEqualTo(1000);
        task.put(batch);

        assertThat(Lake.lines(store, "topics", TOPIC, 0))
                .containsExactly(value(0, 0), value(0, 1), value(0, 2), value(0, 3));
    }

    /**
     * The first file fails slowly on a store thread while the next ones wait for it: none of them lands after the
     * failure (a partition's files are published in order), put reports the failure (so Connect backs off), and the
     * retry stores the files once: no gap, no duplicate.
     */
    @Test
    void storeFailingWhileFilesAreInFlightCommitsNothingPastTheFailureAndTheRetryFillsTheGap() throws Exception {
        FailingOnce store = new FailingOnce(new LocalFolderStore(lake));
        store.failAfter = new java.util.concurrent.CountDownLatch(1);
        TestContext context = new TestContext(true);
        LakeSinkTask task = new LakeSinkTask(config -> store, clock::get);
        task.initialize(context);
        task.start(props(Map.of(LakeSinkConfig.FLUSH_SIZE, "2", LakeSinkConfig.STORE_THREADS, "2")));
        task.open(List.of(P0));

        // Three files: put stores them one after the other, so it waits until the first store has failed.
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread putter = new Thread(() -> {
            try {
                task.put(records(0, 0, 6));
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        putter.start();
        store.failAfter.countDown();
        putter.join(30_000);
        assertThat(putter.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(RetriableException.class)
                .hasMessageContaining("pinpipe.pin+0+0000000000.json");
        assertThat(store.list("topics/")).as("no file after the failed one was stored").isEmpty();
        assertThat(context.lastTimeout).isEqualTo(1000);

        task.put(records(0, 0, 7));

        // Files the failure discarded may still be leaving the store threads: the retried ones follow them, in order.
        assertThat(Await.until(Duration.ofSeconds(10),
                () -> new OffsetAndMetadata(6).equals(task.preCommit(Map.of()).get(P0)))).as("committed up to 6").isTrue();
        assertThat(Lake.lines(store, "topics", TOPIC, 0))
                .containsExactly(value(0, 0), value(0, 1), value(0, 2), value(0, 3), value(0, 4), value(0, 5));
    }

    @Test
    void putWaitsForAFreeStoreThreadSoClosedFilesInMemoryStayBounded() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger storing = new java.util.concurrent.atomic.AtomicInteger();
        ObjectStore slow = new FailingOnce(new LocalFolderStore(lake)) {
            @Override
            public void put(String name, java.nio.ByteBuffer content, PublishGuard guard) throws IOException {
                storing.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                super.put(name, content, guard);
            }
        };
        ((FailingOnce) slow).failed = true;
        LakeSinkTask task = new LakeSinkTask(config -> slow, clock::get);
        task.initialize(new TestContext(true));
        task.start(props(Map.of(LakeSinkConfig.FLUSH_SIZE, "1", LakeSinkConfig.STORE_THREADS, "2")));
        task.open(List.of(P0));

        // Two partitions' files are stored at once (one partition's files one after the other).
        List<SinkRecord> batch = new ArrayList<>(records(0, 0, 5));
        batch.addAll(records(1, 0, 5));
        Thread putter = new Thread(() -> task.put(batch));
        putter.start();
        putter.join(500);

        assertThat(putter.isAlive()).as("put is waiting for a store thread").isTrue();
        assertThat(storing.get()).isEqualTo(2);
        release.countDown();
        putter.join(10_000);
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(5))
                .containsEntry(P1, new OffsetAndMetadata(5));
        task.stop();
    }

    @Test
    void replayWithOtherFileBoundariesRemovesTheUncommittedFilesFirst() throws IOException {
        LocalFolderStore store = new LocalFolderStore(lake);
        LakeSinkTask first = started(store, Map.of(LakeSinkConfig.FLUSH_SIZE, "2"), true);
        first.put(records(0, 0, 6));
        first.awaitStores();
        // Crash: nothing was committed. The replay writes files of 3 instead of 2.
        LakeSinkTask second = started(store, Map.of(LakeSinkConfig.FLUSH_SIZE, "3"), true);
        second.put(records(0, 0, 6));
        second.preCommit(Map.of());

        assertThat(Lake.lines(store, "topics", TOPIC, 0)).hasSize(6).doesNotHaveDuplicates();
        assertThat(store.list("topics/")).hasSize(2);
    }

    @Test
    void openingAPartitionRemovesItsLeftoverTemporaryFilesOnly() throws IOException {
        LocalFolderStore store = new LocalFolderStore(lake);
        store.put("topics/pinpipe.pin/partition=0/pinpipe.pin+0+0000000000.json",
                (value(0, 0) + "\n" + value(0, 1) + "\n").getBytes(StandardCharsets.UTF_8));
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        Path leftover = lake.resolve("topics/pinpipe.pin/partition=0/.pinpipe.pin+0+0000000002.json." + uuid + ".tmp");
        Path otherPartition = Files.createDirectories(lake.resolve("topics/pinpipe.pin/partition=1"))
                .resolve(".pinpipe.pin+1+0000000000.json." + uuid + ".tmp");
        Files.writeString(leftover, "partial");
        Files.writeString(otherPartition, "partial");
        LakeSinkTask task = new LakeSinkTask(config -> store, clock::get);
        task.initialize(new TestContext(true));
        task.start(props(Map.of(LakeSinkConfig.FLUSH_SIZE, "2")));
        task.open(List.of(P0));

        // The worker resumes at the committed offset 2 after a crash in the middle of writing the file from 2.
        task.put(records(0, 2, 2));
        task.preCommit(Map.of());

        assertThat(leftover).doesNotExist();
        assertThat(otherPartition).as("another partition's file, maybe being written by another task").exists();
        assertThat(Lake.lines(store, "topics", TOPIC, 0))
                .containsExactly(value(0, 0), value(0, 1), value(0, 2), value(0, 3));
    }

    /**
     * Connect's contract, played out with random batches, random commits, random crashes (a task dropped without
     * warning; the next starts at the committed offsets) and a store that fails before or after writing. At the end
     * the lake must hold every record exactly once, in offset order.
     */
    @Test
    void lakeHoldsEveryRecordExactlyOnceAcrossRandomCrashesAndStoreFailures() throws IOException {
        int totalCrashes = 0;
        for (int seed = 0; seed < 15; seed++) {
            Path dir = lake.resolve("run-" + seed);
            Random random = new Random(seed);
            int recordsPerPartition = 100 + random.nextInt(200);
            String flushSize = Integer.toString(1 + random.nextInt(40));
            String threads = Integer.toString(seed % 3);
            Map<TopicPartition, Long> committed = new HashMap<>(Map.of(P0, 0L, P1, 0L));
            int crashes = 0;
            int failures = 0;
            for (int attempt = 0; attempt < 1_000 && !allCommitted(committed, recordsPerPartition); attempt++) {
                FlakyStore store = new FlakyStore(new LocalFolderStore(dir), random, 0.08);
                LakeSinkTask task = new LakeSinkTask(config -> store, clock::get);
                task.initialize(new TestContext(true));
                task.start(props(Map.of(LakeSinkConfig.FLUSH_SIZE, flushSize,
                        LakeSinkConfig.ROTATE_INTERVAL_MS, "1000", LakeSinkConfig.LOCAL_DIR, dir.toString(),
                        LakeSinkConfig.STORE_THREADS, threads)));
                task.open(List.of(P0, P1));
                runUntilCrash(task, random, committed, recordsPerPartition);
                // The crash: the task is dropped, not stopped. A killed process stores nothing more, so the next
                // task starts once the files this one was storing have landed (or failed).
                task.awaitStores();
                crashes++;
                failures += store.failures.get();
            }
            LocalFolderStore reader = new LocalFolderStore(dir);
            for (int partition = 0; partition < 2; partition++) {
                List<String> expected = new ArrayList<>();
                for (int offset = 0; offset < recordsPerPartition; offset++) {
                    expected.add(value(partition, offset));
                }
                assertThat(Lake.lines(reader, "topics", TOPIC, partition))
                        .as("seed %d (store.threads %s) partition %d after %d crashes, %d store failures", seed,
                                threads, partition, crashes, failures)
                        .containsExactlyElementsOf(expected);
            }
            totalCrashes += crashes;
        }
        assertThat(totalCrashes).as("task restarts over all runs").isGreaterThan(30);
    }

    /** Feeds one task like a worker would until it "crashes" or everything is committed. */
    private void runUntilCrash(LakeSinkTask task, Random random, Map<TopicPartition, Long> committed, int end) {
        Map<TopicPartition, Long> position = new HashMap<>(committed);
        for (int step = 0; step < 200; step++) {
            List<SinkRecord> batch = new ArrayList<>();
            for (TopicPartition tp : List.of(P0, P1)) {
                long from = position.get(tp);
                long to = Math.min(end, from + random.nextInt(30));
                batch.addAll(records(tp.partition(), from, (int) (to - from)));
                position.put(tp, to);
            }
            boolean delivered = false;
            while (!delivered) {
                try {
                    task.put(batch);
                    delivered = true;
                } catch (RetriableException e) {
                    if (random.nextDouble() < 0.2) {
                        return;
                    }
                }
            }
            boolean drained = position.values().stream().allMatch(offset -> offset == end);
            clock.addAndGet(drained ? 5_000 : random.nextInt(300));
            if (drained || random.nextDouble() < 0.3) {
                task.preCommit(Map.of()).forEach((tp, offset) -> committed.put(tp, offset.offset()));
            }
            if (allCommitted(committed, end) || random.nextDouble() < 0.04) {
                return;
            }
        }
    }

    private static boolean allCommitted(Map<TopicPartition, Long> committed, int end) {
        return committed.values().stream().allMatch(offset -> offset == end);
    }

    private LakeSinkTask started(ObjectStore store, Map<String, String> overrides, boolean withReporter) {
        LakeSinkTask task = new LakeSinkTask(config -> store, clock::get);
        task.initialize(new TestContext(withReporter));
        task.start(props(overrides));
        task.open(List.of(P0, P1));
        return task;
    }

    private Map<String, String> props(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put(LakeSinkConfig.LOCAL_DIR, lake.toString());
        props.putAll(overrides);
        return props;
    }

    private List<SinkRecord> records(int partition, long from, int count) {
        List<SinkRecord> records = new ArrayList<>();
        for (long offset = from; offset < from + count; offset++) {
            records.add(record(new TopicPartition(TOPIC, partition), offset,
                    value(partition, offset).getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private SinkRecord record(TopicPartition tp, long offset, byte[] value) {
        return new SinkRecord(tp.topic(), tp.partition(), null, null, null, value, offset,
                1_700_000_000_000L + offset * 10, TimestampType.CREATE_TIME);
    }

    private static String value(int partition, long offset) {
        return "{\"partition\":" + partition + ",\"offset\":" + offset + ",\"follower_count\":\"12k\",\"x\":1.50}";
    }

    /** Refuses the first write, as a store that is briefly down. */
    private static class FailingOnce extends ForwardingStore {
        volatile boolean failed;
        /** When set, the failing write first waits for it: a store that is slow to fail. */
        java.util.concurrent.CountDownLatch failAfter;

        FailingOnce(ObjectStore delegate) {
            super(delegate);
        }

        @Override
        public void put(String name, java.nio.ByteBuffer content, PublishGuard guard) throws IOException {
            if (!failed && name.endsWith("+0000000000.json")) {
                failed = true;
                if (failAfter != null) {
                    try {
                        failAfter.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                throw new java.nio.file.AccessDeniedException(name);
            }
            super.put(name, content, guard);
        }
    }
}
