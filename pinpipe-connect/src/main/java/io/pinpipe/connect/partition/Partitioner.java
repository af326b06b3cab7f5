package io.pinpipe.connect.partition;

import io.pinpipe.connect.LakeSinkConfig;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Chooses the folder, under {@code topics/<topic>/}, that a record's file goes into. The result must depend on the
 * record alone (never on the clock), so that a replay after a crash puts every record where it went before.
 */
public interface Partitioner {

    /** The folder path below the topic folder, such as {@code partition=0} or {@code year=2024/month=05/day=01}. */
    String folder(SinkRecord record, byte[] line);

    /** The partitioner {@code config} asks for. */
    static Partitioner of(LakeSinkConfig config) {
        return switch (config.partitioner()) {
            case LakeSinkConfig.PARTITIONER_TIME -> new TimePartitioner(config.getString(LakeSinkConfig.PATH_FORMAT),
                    config.getLong(LakeSinkConfig.PARTITION_DURATION_MS), config.locale(), config.zone());
            case LakeSinkConfig.PARTITIONER_FIELD -> new FieldPartitioner(
                    config.getList(LakeSinkConfig.PARTITION_FIELD));
            default -> new KafkaPartitionPartitioner();
        };
    }
}
