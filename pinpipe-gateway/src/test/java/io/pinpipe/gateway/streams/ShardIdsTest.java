package io.pinpipe.gateway.streams;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardIdsTest {

    @Test
    void aShardIdIsThePartitionInTwelveDigits() {
        assertThat(ShardIds.of(0)).isEqualTo("shardId-000000000000");
        assertThat(ShardIds.of(37)).isEqualTo("shardId-000000000037");
        assertThat(ShardIds.of(Integer.MAX_VALUE)).isEqualTo("shardId-002147483647");
    }

    @Test
    void aNegativePartitionIsABug() {
        assertThatThrownBy(() -> ShardIds.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
