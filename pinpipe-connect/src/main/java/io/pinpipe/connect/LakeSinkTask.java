package io.pinpipe.connect;

import io.pinpipe.connect.partition.Partitioner;
import io.pinpipe.connect.store.ObjectConflictException;
import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.ObjectStores;
import io.pinpipe.connect.store.StorageErrors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.IllegalWorkerStateException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Writes the records of its partitions into lake files, exactly once.
 *
 * <ul>
 *     <li>A file is stored whole ({@link ObjectStore#put}) and made durable ({@link ObjectStore#sync}) before any of
 *     its records is committed: {@link #preCommit} hands back, per partition, the start of the oldest file not yet
 *     stored, and only after the sync. Closed files are stored on {@link StoreThreads} while the task takes the next
 *     records; several files of a partition are written at once, and published one after the other.</li>
 *     <li>After a crash Connect resumes each partition at its committed offset. Files that start at or after that
 *     offset were stored but never committed; before the first record of a newly assigned partition goes into a
 *     folder the task deletes them there ({@link UncommittedFiles}), so the replay writes its files into a clean
 *     place and the lake never holds a record twice, however the replay's file boundaries fall.</li>
 *     <li>A store never replaces a file. When a file's name holds another writer's content, a task that lost the
 *     partition while stalled meets its new owner: the partition is fenced here ({@link #fence}), never committed
 *     past, paused, and logged as an error.</li>
 *     <li>A task that lost a partition stops publishing it: when the partition is assigned ({@link #open}), before
 *     any of its records, the task writes its own token into the partition's owner marker ({@link OwnerMarker});
 *     every publish and delete first checks that the marker still holds it and that the partition is still open here
 *     ({@link #close} revokes it at once), and a check that fails fences the partition like a taken name.</li>
 *     <li>A store failure is classified once ({@link StorageErrors}); a retriable one makes Connect hand the same
 *     records again after a growing back-off, and records already taken are recognised by offset.</li>
 * </ul>
 */
public class LakeSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(LakeSinkTask.class);
    private static final long MAX_BACKOFF_MS = 60_000;

    private final Function<LakeSinkConfig, ObjectStore> storeFactory;
    private final LongSupplier clock;
    private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();
    private LakeSinkConfig config;
    private ObjectStore store;
    private StoreThreads storeThreads;
    private UncommittedFiles uncommitted;
    private OwnerMarker owners;
    private LineChecker checker;
    private BufferPool buffers;
    private Partitioner partitioner;
    private PartitionWriter.Rotation rotation;
    private ErrantRecordReporter reporter;
    private long backoffMs;

    public LakeSinkTask() {
        this(ObjectStores::open, System::currentTimeMillis);
    }

    /** For tests: a store of their choosing and a clock they control. */
    LakeSinkTask(Function<LakeSinkConfig, ObjectStore> storeFactory, LongSupplier clock) {
        this.storeFactory = storeFactory;
        this.clock = clock;
    }

    @Override
    public String version() {
        return LakeSinkConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = new LakeSinkConfig(props);
        store = storeFactory.apply(config);
        checker = new LineChecker(config.getBoolean(LakeSinkConfig.CHECK_IN_PARALLEL));
        int threads = config.getInt(LakeSinkConfig.STORE_THREADS);
        storeThreads = new StoreThreads(store, threads, config.getLong(LakeSinkConfig.STORE_WAIT_MAX_MS));
        uncommitted = new UncommittedFiles(store, config.layout());
        owners = new OwnerMarker(store, config.layout());
        // Enough spare arrays for the files in flight and the ones being filled meanwhile.
        buffers = new BufferPool(threads + 2);
        partitioner = Partitioner.of(config);
        rotation = new PartitionWriter.Rotation(config.getInt(LakeSinkConfig.FLUSH_SIZE),
                config.getLong(LakeSinkConfig.ROTATE_INTERVAL_MS),
                config.getLong(LakeSinkConfig.ROTATE_SCHEDULE_INTERVAL_MS), config.zone());
        backoffMs = config.getLong(LakeSinkConfig.RETRY_BACKOFF_MS);
        reporter = errantRecordReporter();
        LOG.info("lake sink task writing to {} under '{}', flush.size={}", store.describe(),
                config.getString(LakeSinkConfig.TOPICS_DIR), rotation.flushSize());
    }

    /**
     * Claims each newly assigned partition in the store ({@link OwnerMarker}) at once, before any of its records: the
     * assignment is the one moment the task knows that it owns the partition. A claim made later, at the partition's
     * first record, could come after a stall that cost the task the partition, and would take it back from its new
     * owner (docs/lake-sink.md, "Fencing"). A claim the store refuses now is made before the next records instead.
     */
    @Override
    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            PartitionWriter writer = new PartitionWriter(partition.topic(), partition.partition(), config.layout(),
                    rotation, buffers);
            writers.put(partition, writer);
            try {
                claim(partition, writer);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot claim {} in {} now; claiming it before its next records: {}", partition,
                        store.describe(), e.toString());
            }
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long now = clock.getAsLong();
        PartitionWriter current = null;
        List<SinkRecord> batch = records instanceof List<SinkRecord> list ? list : new ArrayList<>(records);
        Object[] lines = checker.lines(batch);
        try {
            claimWhereTheAssignmentCouldNot();
            TopicPartition partition = null;
            for (int i = 0; i < lines.length; i++) {
                SinkRecord record = batch.get(i);
                // Batches hold long runs of one partition: look the writer up only when the partition changes.
                if (partition == null || record.kafkaPartition() != partition.partition()
                        || !record.topic().equals(partition.topic())) {
                    partition = new TopicPartition(record.topic(), record.kafkaPartition());
                    current = writers.computeIfAbsent(partition, tp -> new PartitionWriter(tp.topic(),
                            tp.partition(), config.layout(), rotation, buffers));
                }
                if (current.isFenced() || current.alreadySeen(record.kafkaOffset())) {
                    continue;
                }
                current.resumeAt(record.kafkaOffset());
                take(partition, current, record, lines[i], now);
            }
            for (Map.Entry<TopicPartition, PartitionWriter> entry : writers.entrySet()) {
                current = entry.getValue();
                current.closeIfDue(now);
                storeClosed(entry.getKey(), current, false);
            }
            // Every partition's next file is being stored; now wait where files pile up.
            for (Map.Entry<TopicPartition, PartitionWriter> entry : writers.entrySet()) {
                current = entry.getValue();
                storeClosed(entry.getKey(), current, true);
            }
        } catch (PartitionWriter.StoreFailure e) {
            throw retryLater(StorageErrors.classify(e.cause(), store, e.fileName()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConnectException connect && !(e instanceof RetriableException)) {
                throw connect;
            }
            throw retryLater(StorageErrors.classify(e, store, current == null ? "" : current.nextFileName()));
        }
        backoffMs = config.getLong(LakeSinkConfig.RETRY_BACKOFF_MS);
    }

    /**
     * Offers, per partition, the offset before which every record is in a durable file. Closed files are handed to
     * the store threads and the ones in flight waited for (once at most {@code store.wait.max.ms}: a store that slow
     * is not waited for again in this call, its files are committed next time), the offsets are read, and only then is the store asked to make what it stored durable ({@link ObjectStore#sync}):
     * every file behind an offered offset was stored before that sync began. If the sync fails nothing is offered.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        long now = clock.getAsLong();
        for (Map.Entry<TopicPartition, PartitionWriter> entry : writers.entrySet()) {
            PartitionWriter writer = entry.getValue();
            try {
                writer.closeIfDue(now);
                storeClosed(entry.getKey(), writer, false);
            } catch (PartitionWriter.StoreFailure | IOException | RuntimeException e) {
                LOG.warn("cannot store {} yet; its records stay uncommitted: {}", writer.nextFileName(), e.toString());
            }
        }
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        boolean waiting = true;
        for (Map.Entry<TopicPartition, PartitionWriter> entry : writers.entrySet()) {
            PartitionWriter writer = entry.getValue();
            try {
                if (waiting) {
                    writer.awaitStores(storeThreads);
                }
            } catch (IOException e) {
                waiting = false;
                LOG.warn("{}; the records of files still being stored stay uncommitted for now", e.getMessage());
            }
            OptionalLong offset = writer.committableOffset();
            if (offset.isPresent()) {
                committable.put(entry.getKey(), new OffsetAndMetadata(offset.getAsLong()));
            }
        }
        try {
            store.sync();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot make stored files durable on {}; committing nothing this time: {}", store.describe(),
                    e.toString());
            return Map.of();
        }
        return committable;
    }

    /**
     * Stops publishing the partitions at once: files not yet stored are dropped (their records are uncommitted and
     * come back to whoever owns the partition next), and a store in flight stops at its guard, right before it would
     * publish. Waits at most {@code store.wait.max.ms} for stores already past their guard, so that normally none
     * lands after the partition's next owner has cleaned up, without hanging on a stalled store.
     */
    @Override
    public void close(Collection<TopicPartition> partitions) {
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            PartitionWriter writer = writers.remove(partition);
            if (writer != null) {
                writer.revoke();
                ending.add(writer.storesEnded());
            }
        }
        if (ending.isEmpty() || storeThreads == null) {
            return;
        }
        try {
            storeThreads.await(CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new)),
                    "the files of the closed partitions " + partitions);
        } catch (IOException e) {
            LOG.warn("{}; closing anyway: a store not yet past its guard publishes nothing when it goes on",
                    e.getMessage());
        }
    }

    @Override
    public void stop() {
        close(new ArrayList<>(writers.keySet()));
        if (storeThreads != null) {
            storeThreads.close();
        }
        if (checker != null) {
            checker.close();
        }
        if (store != null) {
            store.close();
        }
    }

    /** For tests that drop a task as a crash would: returns once none of its files is being stored. */
    void awaitStores() {
        writers.values().forEach(PartitionWriter::awaitStores);
    }

    /**
     * Hands the partition's next closed file to the store threads ({@code backlog}: and waits while more are
     * waiting); a file whose name another writer took fences the partition instead of failing the task (its other
     * partitions are not concerned).
     */
    private void storeClosed(TopicPartition partition, PartitionWriter writer, boolean backlog)
            throws PartitionWriter.StoreFailure, IOException {
        try {
            if (backlog) {
                writer.storeBacklog(storeThreads);
            } else {
                writer.storeClosed(storeThreads);
            }
        } catch (PartitionWriter.StoreFailure e) {
            if (!(e.cause() instanceof ObjectConflictException conflict)) {
                throw e;
            }
            fence(partition, writer, conflict);
        }
    }

    /**
     * This task wrote the partition while another did too: it stalled past the poll interval and the partition was
     * given to another task, which published first. Which of the two still owns the partition cannot be told from
     * here, so this one stops: nothing more of the partition is stored, no offset of it is offered again, and the
     * partition is paused. If this task lost it, the next poll takes it away ({@link #close}); if it still owns it,
     * a restart of the task cleans up from the committed offset and writes the partition again.
     */
    private void fence(TopicPartition partition, PartitionWriter writer, ObjectConflictException conflict) {
        writer.fence();
        try {
            context.pause(partition);
        } catch (IllegalWorkerStateException e) {
            // The consumer no longer has the partition: this task is the one that lost it, nothing to pause.
            LOG.info("{} is no longer assigned to this task", partition);
        }
        LOG.error("{} is fenced and paused: {}. Nothing of it is committed past this file. If this task lost the"
                + " partition while stalled (longer than max.poll.interval.ms), the next rebalance takes it away;"
                + " if it still owns it, restart the task.", partition, conflict.getMessage());
    }

    /** Makes the claims that failed in {@link #open}, before any record is taken: as early as the store allows. */
    private void claimWhereTheAssignmentCouldNot() throws IOException {
        for (Map.Entry<TopicPartition, PartitionWriter> entry : writers.entrySet()) {
            PartitionWriter writer = entry.getValue();
            if (!writer.hasClaimed() && !writer.isFenced()) {
                claim(entry.getKey(), writer);
            }
        }
    }

    /** Writes this task's token into the partition's owner marker; the writer's guard passes while it is there. */
    private void claim(TopicPartition partition, PartitionWriter writer) throws IOException {
        writer.claimed(owners.claim(partition.topic(), partition.partition()));
    }

    /** Appends the record's line, or hands a bad record ({@code checked} is its {@link DataException}) on. */
    private void take(TopicPartition partition, PartitionWriter writer, SinkRecord record, Object checked, long now)
            throws IOException {
        byte[] line;
        String folder;
        try {
            if (checked instanceof DataException badLine) {
                throw badLine;
            }
            line = (byte[]) checked;
            folder = partitioner.folder(record, line);
        } catch (DataException e) {
            DataException bad = new DataException("bad record " + record.topic() + "-" + record.kafkaPartition()
                    + "@" + record.kafkaOffset() + ": " + e.getMessage(), e);
            if (reporter == null) {
                throw bad;
            }
            // Fails the task when errors.tolerance=none; otherwise logs it and sends it to the dead-letter topic.
            reporter.report(record, bad);
            writer.skip(record.kafkaOffset());
            return;
        }
        if (!writer.isClean(folder)) {
            try {
                if (!writer.hasClaimed()) {
                    claim(partition, writer);
                }
                uncommitted.remove(partition.topic(), partition.partition(), folder, writer.resumeOffset(),
                        writer.guard());
            } catch (ObjectConflictException e) {
                fence(partition, writer, e);
                return;
            }
            writer.markClean(folder);
        }
        writer.append(record.kafkaOffset(), record.timestamp(), folder, line, now);
    }

    private RetriableException retryLater(ConnectException classified) {
        if (!(classified instanceof RetriableException retriable)) {
            throw classified;
        }
        LOG.warn("{}; retrying in {} ms", classified.getMessage(), backoffMs);
        context.timeout(backoffMs);
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        return retriable;
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }
}
