package io.pinpipe.connect.partition;

import org.apache.kafka.connect.sink.SinkRecord;

/** Confluent's default partitioner: one folder per Kafka partition, {@code partition=<p>}. */
public final class KafkaPartitionPartitioner implements Partitioner {

    @Override
    public String folder(SinkRecord record, byte[] line) {
        return "partition=" + record.kafkaPartition();
    }
}
