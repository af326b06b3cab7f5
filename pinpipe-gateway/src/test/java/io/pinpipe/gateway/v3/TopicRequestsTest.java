package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.gateway.http.RestException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The v3 topic bodies: Confluent's fields accepted, everything else a 400 naming what is wrong. */
class TopicRequestsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aFullCreateRequestBecomesTheNewTopic() throws Exception {
        TopicRequests.Create create = TopicRequests.create(json("{\"topic_name\":\"t\",\"partitions_count\":3,"
                + "\"replication_factor\":1,\"configs\":[{\"name\":\"retention.ms\",\"value\":\"1000\"},"
                + "{\"name\":\"cleanup.policy\",\"value\":null}],\"validate_only\":true}"));
        assertThat(create.topic().name()).isEqualTo("t");
        assertThat(create.topic().numPartitions()).isEqualTo(3);
        assertThat(create.topic().replicationFactor()).isEqualTo((short) 1);
        assertThat(create.topic().configs()).containsEntry("retention.ms", "1000").containsKey("cleanup.policy");
        assertThat(create.validateOnly()).isTrue();
    }

    @Test
    void aBareNameLeavesPartitionsAndReplicationToTheBroker() throws Exception {
        TopicRequests.Create create = TopicRequests.create(json("{\"topic_name\":\"t\"}"));
        assertThat(create.topic().numPartitions()).isEqualTo(-1);
        assertThat(create.validateOnly()).isFalse();
    }

    @Test
    void replicasAssignmentsDecidePartitionsAndReplicas() throws Exception {
        TopicRequests.Create create = TopicRequests.create(json("{\"topic_name\":\"t\","
                + "\"replicas_assignments\":{\"0\":[1],\"1\":[1]}}"));
        assertThat(create.topic().replicasAssignments()).isEqualTo(Map.of(0, List.of(1), 1, List.of(1)));
        assertRefused("{\"topic_name\":\"t\",\"partitions_count\":2,\"replicas_assignments\":{\"0\":[1]}}",
                "do not send");
        assertRefused("{\"topic_name\":\"t\",\"replicas_assignments\":{\"first\":[1]}}", "not a partition id");
        assertRefused("{\"topic_name\":\"t\",\"replicas_assignments\":{\"0\":[\"b\"]}}", "whole broker ids");
    }

    @Test
    void eachRuleOfTheCreateBodyHasItsOwnRefusal() {
        assertRefused("[]", "JSON object");
        assertRefused("{\"partitions_count\":1}", "\"topic_name\" is required");
        assertRefused("{\"topic_name\":\"\"}", "\"topic_name\" is required");
        assertRefused("{\"topic_name\":\"t\",\"colour\":1}", "unrecognized field 'colour'");
        assertRefused("{\"topic_name\":\"t\",\"partitions_count\":0}", "\"partitions_count\" must be");
        assertRefused("{\"topic_name\":\"t\",\"replication_factor\":40000}", "at most 32767");
        assertRefused("{\"topic_name\":\"t\",\"configs\":{\"a\":\"b\"}}", "\"configs\" must be an array");
        assertRefused("{\"topic_name\":\"t\",\"configs\":[{\"value\":\"b\"}]}", "string \"name\"");
        assertRefused("{\"topic_name\":\"t\",\"configs\":[{\"name\":\"a\",\"value\":1}]}", "string \"value\"");
        assertRefused("{\"topic_name\":\"t\",\"validate_only\":\"yes\"}", "true or false");
    }

    @Test
    void aPartitionCountUpdateNeedsAWholeCountAndNothingElse() throws Exception {
        assertThat(TopicRequests.partitionsCount(json("{\"partitions_count\":6}"))).isEqualTo(6);
        assertThatThrownBy(() -> TopicRequests.partitionsCount(json("{}"))).hasMessageContaining("required");
        assertThatThrownBy(() -> TopicRequests.partitionsCount(json("{\"partitions_count\":1.5}")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> TopicRequests.partitionsCount(json("{\"partitions_count\":2,\"x\":1}")))
                .hasMessageContaining("unrecognized field 'x'");
    }

    private static void assertRefused(String body, String says) {
        assertThatThrownBy(() -> TopicRequests.create(json(body))).isInstanceOfSatisfying(RestException.class,
                refusal -> {
                    assertThat(refusal.status()).isEqualTo(400);
                    assertThat(refusal.errorCode()).isEqualTo(400);
                    assertThat(refusal.getMessage()).contains(says);
                });
    }

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text);
    }
}
