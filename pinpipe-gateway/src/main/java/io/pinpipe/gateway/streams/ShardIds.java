package io.pinpipe.gateway.streams;

/** Kinesis' shard ids for Kafka partitions: partition 3 is {@code shardId-000000000003}. */
final class ShardIds {

    private ShardIds() {
    }

    static String of(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("a partition is never negative: " + partition);
        }
        // Concatenation, not String.format: this runs once per stored record.
        String digits = Integer.toString(partition);
        return "shardId-" + "0".repeat(12 - digits.length()) + digits;
    }
}
