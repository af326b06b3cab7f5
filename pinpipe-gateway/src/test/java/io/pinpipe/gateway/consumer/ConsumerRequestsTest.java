package io.pinpipe.gateway.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsumerRequestsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aSubscriptionNamesTopicsOrAPatternNeverBoth() throws Exception {
        assertThat(ConsumerRequests.subscription(MAPPER.readTree("{\"topics\":[\"a\",\"b\"]}")).topics())
                .containsExactly("a", "b");
        assertThat(ConsumerRequests.subscription(MAPPER.readTree("{\"topic_pattern\":\"a.*\"}")).pattern().pattern())
                .isEqualTo("a.*");
        assertThatThrownBy(() -> ConsumerRequests.subscription(MAPPER.readTree(
                "{\"topics\":[\"a\"],\"topic_pattern\":\"a\"}"))).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ConsumerRequests.subscription(MAPPER.readTree("{\"topics\":[]}")))
                .hasMessageContaining("non-empty");
        assertThatThrownBy(() -> ConsumerRequests.subscription(MAPPER.readTree("{\"topic_pattern\":\"(\"}")))
                .hasMessageContaining("regular expression");
    }

    @Test
    void offsetsKeepTheirOrderAndMustNotBeNegative() throws Exception {
        assertThat(ConsumerRequests.offsets(MAPPER.readTree("{\"offsets\":[{\"topic\":\"b\",\"partition\":1,"
                + "\"offset\":5},{\"topic\":\"a\",\"partition\":0,\"offset\":0}]}")))
                .containsExactly(Map.entry(new TopicPartition("b", 1), 5L),
                        Map.entry(new TopicPartition("a", 0), 0L));
        assertThatThrownBy(() -> ConsumerRequests.offsets(MAPPER.readTree(
                "{\"offsets\":[{\"topic\":\"a\",\"partition\":0,\"offset\":-1}]}"))).hasMessageContaining("offset");
    }

    @Test
    void partitionsNeedATopicAndANonNegativePartition() throws Exception {
        assertThat(ConsumerRequests.partitions(MAPPER.readTree("{\"partitions\":[{\"topic\":\"t\",\"partition\":2}]}")))
                .containsExactly(new TopicPartition("t", 2));
        assertThatThrownBy(() -> ConsumerRequests.partitions(MAPPER.readTree("{\"partitions\":[{\"partition\":2}]}")))
                .hasMessageContaining("'topic'");
        assertThatThrownBy(() -> ConsumerRequests.partitions(MAPPER.readTree(
                "{\"partitions\":[{\"topic\":\"t\",\"partition\":-1}]}"))).hasMessageContaining("'partition'");
        assertThatThrownBy(() -> ConsumerRequests.partitions(null)).hasMessageContaining("JSON body");
    }
}
