package io.pinpipe.connect;

import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.format.JsonLines;
import io.pinpipe.connect.partition.KafkaPartitionPartitioner;
import io.pinpipe.connect.partition.Partitioner;
import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.ObjectStores;
import io.pinpipe.connect.store.StorageErrors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Writes the records of its partitions into lake files, exactly once.
 *
 * <ul>
 *     <li>A file is stored whole and durably ({@link ObjectStore#put}) before any of its records is committed:
 *     {@link #preCommit} hands back, per partition, the start of the oldest file not yet stored.</li>
 *     <li>After a crash Connect resumes each partition at its committed offset. Files that start at or after that
 *     offset were stored but never committed; before taking the first record of a newly assigned partition the task
 *     deletes them, so the replay writes its files into a clean place and the lake never holds a record twice,
 *     however the replay's file boundaries fall.</li>
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
        partitioner = Partitioner.of(config);
        rotation = new PartitionWriter.Rotation(config.getInt(LakeSinkConfig.FLUSH_SIZE),
                config.getLong(LakeSinkConfig.ROTATE_INTERVAL_MS),
                config.getLong(LakeSinkConfig.ROTATE_SCHEDULE_INTERVAL_MS), config.zone());
        backoffMs = config.getLong(LakeSinkConfig.RETRY_BACKOFF_MS);
        reporter = errantRecordReporter();
        LOG.info("lake sink task writing to {} under '{}', flush.size={}", store.describe(),
                config.getString(LakeSinkConfig.TOPICS_DIR), rotation.flushSize());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            writers.put(partition, new PartitionWriter(partition.topic(), partition.partition(), config.layout(),
                    rotation));
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long now = clock.getAsLong();
        PartitionWriter current = null;
        try {
            TopicPartition partition = null;
            for (SinkRecord record : records) {
                // Batches hold long runs of one partition: look the writer up only when the partition changes.
                if (partition == null || record.kafkaPartition() != partition.partition()
                        || !record.topic().equals(partition.topic())) {
                    partition = new TopicPartition(record.topic(), record.kafkaPartition());
                    current = writers.computeIfAbsent(partition, tp -> new PartitionWriter(tp.topic(),
                            tp.partition(), config.layout(), rotation));
                }
                if (current.alreadySeen(record.kafkaOffset())) {
                    continue;
                }
                if (current.isFresh()) {
                    removeUncommittedFiles(partition, record.kafkaOffset());
                }
                take(current, record, now);
            }
            for (PartitionWriter writer : writers.values()) {
                current = writer;
                writer.closeIfDue(now);
                writer.storeClosed(store);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConnectException connect && !(e instanceof RetriableException)) {
                throw connect;
            }
            throw retryLater(StorageErrors.classify(e, store, current == null ? "" : current.nextFileName()));
        }
        backoffMs = config.getLong(LakeSinkConfig.RETRY_BACKOFF_MS);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        long now = clock.getAsLong();
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionWriter> entry : writers.entrySet()) {
            PartitionWriter writer = entry.getValue();
            try {
                writer.closeIfDue(now);
                writer.storeClosed(store);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot store {} yet; its records stay uncommitted: {}", writer.nextFileName(), e.toString());
            }
            OptionalLong offset = writer.committableOffset();
            if (offset.isPresent()) {
                committable.put(entry.getKey(), new OffsetAndMetadata(offset.getAsLong()));
            }
        }
        return committable;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        // Files not yet stored are dropped: their records are uncommitted and come back to whoever owns the partition.
        partitions.forEach(writers::remove);
    }

    @Override
    public void stop() {
        writers.clear();
        if (store != null) {
            store.close();
        }
    }

    private void take(PartitionWriter writer, SinkRecord record, long now) {
        byte[] line;
        String folder;
        try {
            line = JsonLines.line(record);
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
        writer.append(record.kafkaOffset(), record.timestamp(), folder, line, now);
    }

    /** Files of this partition from {@code resumeOffset} on were stored by an attempt whose offsets never committed. */
    private void removeUncommittedFiles(TopicPartition partition, long resumeOffset) throws IOException {
        TopicLayout layout = config.layout();
        String prefix = (partitioner instanceof KafkaPartitionPartitioner
                ? layout.partitionDir(partition.topic(), partition.partition())
                : layout.topicDir(partition.topic())) + "/";
        for (String name : store.list(prefix)) {
            boolean uncommitted = TopicLayout.parse(name)
                    .filter(file -> file.topic().equals(partition.topic()) && file.partition() == partition.partition()
                            && file.startOffset() >= resumeOffset)
                    .isPresent();
            if (uncommitted) {
                LOG.info("removing {}: stored at or after offset {}, which was never committed", name, resumeOffset);
                store.delete(name);
            }
        }
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
