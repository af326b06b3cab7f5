package io.pinpipe.gateway.consumer;

import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The state of one consumer instance: its {@link Consumer}, the records fetched from Kafka but not yet handed out,
 * and the offsets of the records that were handed out. Not thread-safe: only the instance's own thread calls it.
 *
 * <p>Records a read could not hand out (byte limit reached) stay buffered for the next read, and a commit without
 * offsets commits only what was handed out, so a fetched-but-unread record is never committed.
 */
final class ConsumerSession {

    private final Consumer<byte[], byte[]> consumer;
    private final LongSupplier clockMs;
    private final Deque<ConsumerRecord<byte[], byte[]>> fetched = new ArrayDeque<>();
    private final Map<TopicPartition, OffsetAndMetadata> delivered = new HashMap<>();

    ConsumerSession(Consumer<byte[], byte[]> consumer, LongSupplier clockMs) {
        this.consumer = consumer;
        this.clockMs = clockMs;
    }

    void subscribe(List<String> topics) {
        consumer.subscribe(topics, new DropRevoked());
        forgetAll();
    }

    void subscribe(Pattern pattern) {
        consumer.subscribe(pattern, new DropRevoked());
        forgetAll();
    }

    void unsubscribe() {
        consumer.unsubscribe();
        forgetAll();
    }

    Set<String> subscription() {
        return new TreeSet<>(consumer.subscription());
    }

    void assign(List<TopicPartition> partitions) {
        consumer.assign(partitions);
        forgetAll();
    }

    Set<TopicPartition> assignment() {
        return consumer.assignment();
    }

    /**
     * Commits {@code lastConsumed} (each the offset of the last record the client processed, so Kafka gets the next
     * one, as Confluent's proxy does), or, when null, everything this instance has handed out.
     */
    void commit(Map<TopicPartition, Long> lastConsumed) {
        if (lastConsumed == null) {
            if (!delivered.isEmpty()) {
                consumer.commitSync(new HashMap<>(delivered));
            }
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        lastConsumed.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset + 1)));
        consumer.commitSync(offsets);
    }

    Map<TopicPartition, OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return consumer.committed(partitions);
    }

    void seek(Map<TopicPartition, Long> offsets) {
        offsets.forEach(consumer::seek);
        forget(offsets.keySet());
    }

    void seekToBeginning(Collection<TopicPartition> partitions) {
        consumer.seekToBeginning(partitions);
        forget(partitions);
    }

    void seekToEnd(Collection<TopicPartition> partitions) {
        consumer.seekToEnd(partitions);
        forget(partitions);
    }

    /**
     * Hands out records until the wait is over, more than {@code minBytes} are gathered ({@code -1}: wait the whole
     * time) or the next record would pass {@code maxBytes}. The first record is handed out even when it alone is
     * larger than {@code maxBytes}, so an oversized record can never block the instance.
     *
     * @return the answer's body: the records, encoded, in the order Kafka delivered them
     */
    byte[] read(long waitMs, long maxBytes, int minBytes, RecordEncoding encoding) {
        long deadline = clockMs.getAsLong() + waitMs;
        RecordEncoding.Answer out = encoding.answer();
        long bytes = 0;
        while (true) {
            while (!fetched.isEmpty()) {
                ConsumerRecord<byte[], byte[]> next = fetched.peek();
                long size = RecordEncoding.size(next);
                if (!out.isEmpty() && bytes + size > maxBytes) {
                    return out.finish();
                }
                try {
                    out.add(next);
                } catch (RestException e) {
                    if (out.isEmpty()) {
                        throw e;
                    }
                    return out.finish();
                }
                fetched.poll();
                delivered.put(new TopicPartition(next.topic(), next.partition()),
                        new OffsetAndMetadata(next.offset() + 1));
                bytes += size;
                if (bytes >= maxBytes || (minBytes >= 0 && bytes > minBytes)) {
                    return out.finish();
                }
            }
            long remaining = deadline - clockMs.getAsLong();
            if (remaining <= 0) {
                return out.finish();
            }
            consumer.poll(Duration.ofMillis(remaining)).forEach(fetched::add);
        }
    }

    void close(Duration timeout) {
        consumer.close(CloseOptions.timeout(timeout));
    }

    private void forgetAll() {
        fetched.clear();
        delivered.clear();
    }

    private void forget(Collection<TopicPartition> partitions) {
        Set<TopicPartition> gone = new HashSet<>(partitions);
        fetched.removeIf(record -> gone.contains(new TopicPartition(record.topic(), record.partition())));
        delivered.keySet().removeAll(gone);
    }

    /** A revoked partition's buffered records now belong to another group member; forget them. */
    private final class DropRevoked implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // nothing to do: positions come from the committed offsets or auto.offset.reset
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }
    }
}
