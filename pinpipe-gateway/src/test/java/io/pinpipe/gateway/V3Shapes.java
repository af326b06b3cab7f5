package io.pinpipe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fields Confluent's published REST Proxy v3 OpenAPI document ({@code api/v3/openapi.yaml} of
 * confluentinc/kafka-rest) marks required, written down by hand per schema, and the checks every v3 answer must
 * pass: the {@code kind}/{@code metadata} envelope, each required field with its JSON type, and the error body.
 * Field specs are {@code name:type} with s string, i integer, b boolean, r relationship ({@code {"related": url}}),
 * a array, S string or null.
 */
final class V3Shapes {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final String[] CLUSTER = {"cluster_id:s", "acls:r", "brokers:r", "broker_configs:r", "consumer_groups:r",
        "topics:r", "partition_reassignments:r"};
    static final String[] BROKER = {"cluster_id:s", "broker_id:i", "configs:r", "partition_replicas:r"};
    static final String[] TOPIC = {"cluster_id:s", "topic_name:s", "is_internal:b", "replication_factor:i",
        "partitions_count:i", "partitions:r", "configs:r", "partition_reassignments:r"};
    static final String[] PARTITION = {"cluster_id:s", "topic_name:s", "partition_id:i", "replicas:r",
        "reassignment:r"};
    static final String[] REPLICA = {"cluster_id:s", "topic_name:s", "partition_id:i", "broker_id:i",
        "is_leader:b", "is_in_sync:b", "broker:r"};
    /** AbstractConfigData; each config kind adds its owner's field. */
    static final String[] CONFIG = {"cluster_id:s", "name:s", "is_default:b", "is_read_only:b", "is_sensitive:b",
        "source:s", "synonyms:a"};
    static final String[] CONSUMER_GROUP = {"cluster_id:s", "consumer_group_id:s", "is_simple:b",
        "partition_assignor:s", "state:s", "type:s", "is_mixed_consumer_group:b", "coordinator:r", "consumers:r",
        "lag_summary:r"};
    static final String[] CONSUMER = {"cluster_id:s", "consumer_group_id:s", "consumer_id:s", "client_id:s",
        "assignments:r"};
    static final String[] ASSIGNMENT = {"cluster_id:s", "consumer_group_id:s", "consumer_id:s", "topic_name:s",
        "partition_id:i", "partition:r", "lag:r"};
    static final String[] LAG = {"cluster_id:s", "consumer_group_id:s", "topic_name:s", "partition_id:i",
        "current_offset:i", "log_end_offset:i", "lag:i", "consumer_id:s", "client_id:s"};
    static final String[] LAG_SUMMARY = {"cluster_id:s", "consumer_group_id:s", "max_lag_consumer_id:s",
        "max_lag_client_id:s", "max_lag_topic_name:s", "max_lag_partition_id:i", "max_lag:i", "total_lag:i",
        "max_lag_consumer:r", "max_lag_partition:r"};
    static final String[] ACL = {"cluster_id:s", "resource_type:s", "resource_name:s", "pattern_type:s",
        "principal:s", "host:s", "operation:s", "permission:s"};
    /** ProduceBatchResponseSuccessEntry (only {@code id} is required; what pinpipe always sends besides). */
    static final String[] BATCH_SUCCESS = {"id:s", "cluster_id:s", "topic_name:s", "partition_id:i", "offset:i",
        "timestamp:s"};
    static final String[] BATCH_FAILURE = {"id:s", "error_code:i"};

    private V3Shapes() {
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 200 answer holding one resource of {@code kind} with the required fields; returns it. */
    static JsonNode resource(HttpResponse<String> response, String kind, String... fields) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode node = json(response.body());
        assertResource(node, kind, fields);
        return node;
    }

    /** A 200 answer holding a collection {@code kind}List of resources of {@code kind}; returns its data. */
    static List<JsonNode> collection(HttpResponse<String> response, String kind, String... fields) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(200);
        JsonNode node = json(response.body());
        assertThat(node.path("kind").asText()).isEqualTo(kind + "List");
        assertThat(node.path("metadata").path("self").isTextual()).as("metadata.self").isTrue();
        assertThat(node.path("data").isArray()).as(kind + "List.data").isTrue();
        List<JsonNode> data = new ArrayList<>();
        node.path("data").forEach(item -> {
            assertResource(item, kind, fields);
            data.add(item);
        });
        return data;
    }

    static void assertResource(JsonNode node, String kind, String... fields) {
        assertThat(node.path("kind").asText()).as(node.toString()).isEqualTo(kind);
        assertThat(node.path("metadata").path("self").isTextual()).as(kind + " metadata.self").isTrue();
        assertThat(node.path("metadata").has("resource_name")).as(kind + " metadata.resource_name").isTrue();
        assertFields(node, fields);
    }

    static void assertFields(JsonNode node, String... fields) {
        for (String spec : fields) {
            String name = spec.substring(0, spec.indexOf(':'));
            char type = spec.charAt(spec.length() - 1);
            JsonNode value = node.get(name);
            assertThat(value).as(name + " required in " + node).isNotNull();
            boolean typed = switch (type) {
                case 's' -> value.isTextual();
                case 'S' -> value.isTextual() || value.isNull();
                case 'i' -> value.isIntegralNumber();
                case 'b' -> value.isBoolean();
                case 'a' -> value.isArray();
                case 'r' -> value.isObject() && value.path("related").isTextual();
                default -> throw new IllegalArgumentException(spec);
            };
            assertThat(typed).as(name + " of type " + type + " in " + node).isTrue();
        }
    }

    /** Confluent's error body: {@code error_code} (integer) and {@code message}, with the expected codes. */
    static JsonNode error(HttpResponse<String> response, int status, int errorCode) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        JsonNode node = json(response.body());
        assertThat(node.path("error_code").isInt()).as(response.body()).isTrue();
        assertThat(node.path("error_code").asInt()).as(response.body()).isEqualTo(errorCode);
        assertThat(node.path("message").isTextual()).as(response.body()).isTrue();
        return node;
    }

    /** Every {@code related} link and {@code metadata.self} inside {@code node}, at any depth. */
    static List<String> links(JsonNode node) {
        List<String> links = new ArrayList<>();
        collect(node, links);
        return links;
    }

    private static void collect(JsonNode node, List<String> links) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("related") || field.getKey().equals("self"))
                        && field.getValue().isTextual()) {
                    links.add(field.getValue().textValue());
                } else {
                    collect(field.getValue(), links);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, links));
        }
    }
}
