package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checked bodies of v3 topic administration, with Confluent's fields: create
 * ({@code topic_name}, {@code partitions_count}?, {@code replication_factor}?, {@code replicas_assignments}?,
 * {@code configs}?: [{@code name}, {@code value}], {@code validate_only}?) and the partition count update
 * ({@code partitions_count}). An unknown field or a value of the wrong type is a 400 naming it; nothing is changed.
 */
final class TopicRequests {

    /** A checked create request. */
    record Create(NewTopic topic, boolean validateOnly) {
    }

    private static final Set<String> CREATE_FIELDS = Set.of("topic_name", "partitions_count", "replication_factor",
            "replicas_assignments", "configs", "validate_only");

    private TopicRequests() {
    }

    static Create create(JsonNode body) {
        requireFields(body, CREATE_FIELDS);
        JsonNode name = body.get("topic_name");
        if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
            throw invalid("\"topic_name\" is required and must be a non-empty string");
        }
        NewTopic topic;
        JsonNode assignments = body.get("replicas_assignments");
        if (assignments != null && !assignments.isNull()) {
            if (has(body, "partitions_count") || has(body, "replication_factor")) {
                throw invalid("\"replicas_assignments\" decides partitions and replicas; do not send"
                        + " \"partitions_count\" or \"replication_factor\" with it");
            }
            topic = new NewTopic(name.textValue(), replicasAssignments(assignments));
        } else {
            Optional<Integer> partitions = positiveInt(body, "partitions_count");
            Optional<Short> replication = positiveInt(body, "replication_factor").map(value -> {
                if (value > Short.MAX_VALUE) {
                    throw invalid("\"replication_factor\" must be at most " + Short.MAX_VALUE);
                }
                return value.shortValue();
            });
            topic = new NewTopic(name.textValue(), partitions, replication);
        }
        topic.configs(configs(body.get("configs")));
        JsonNode validateOnly = body.get("validate_only");
        if (validateOnly != null && !validateOnly.isNull() && !validateOnly.isBoolean()) {
            throw invalid("\"validate_only\" must be true or false");
        }
        return new Create(topic, validateOnly != null && validateOnly.asBoolean(false));
    }

    /** The {@code partitions_count} of an update request. */
    static int partitionsCount(JsonNode body) {
        requireFields(body, Set.of("partitions_count"));
        return positiveInt(body, "partitions_count")
                .orElseThrow(() -> invalid("\"partitions_count\" is required"));
    }

    private static Map<Integer, List<Integer>> replicasAssignments(JsonNode node) {
        if (!node.isObject()) {
            throw invalid("\"replicas_assignments\" must map partition ids to arrays of broker ids");
        }
        Map<Integer, List<Integer>> assignments = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            int partition;
            try {
                partition = Integer.parseInt(field.getKey());
            } catch (NumberFormatException e) {
                throw invalid("\"replicas_assignments\" key '" + field.getKey() + "' is not a partition id");
            }
            List<Integer> brokers = new ArrayList<>();
            if (!field.getValue().isArray()) {
                throw invalid("\"replicas_assignments\"." + partition + " must be an array of broker ids");
            }
            for (JsonNode broker : field.getValue()) {
                if (!broker.isIntegralNumber() || !broker.canConvertToInt()) {
                    throw invalid("\"replicas_assignments\"." + partition + " must hold whole broker ids");
                }
                brokers.add(broker.intValue());
            }
            assignments.put(partition, brokers);
        }
        return assignments;
    }

    private static Map<String, String> configs(JsonNode node) {
        Map<String, String> configs = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return configs;
        }
        if (!node.isArray()) {
            throw invalid("\"configs\" must be an array of {\"name\", \"value\"}");
        }
        for (JsonNode config : node) {
            requireFields(config, Set.of("name", "value"));
            JsonNode name = config.get("name");
            JsonNode value = config.get("value");
            if (name == null || !name.isTextual()) {
                throw invalid("each config needs a string \"name\"");
            }
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw invalid("config '" + name.textValue() + "' needs a string \"value\"");
            }
            configs.put(name.textValue(), value == null || value.isNull() ? null : value.textValue());
        }
        return configs;
    }

    private static Optional<Integer> positiveInt(JsonNode body, String field) {
        if (!has(body, field)) {
            return Optional.empty();
        }
        JsonNode value = body.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw invalid("\"" + field + "\" must be a whole number of at least 1");
        }
        return Optional.of(value.intValue());
    }

    private static boolean has(JsonNode body, String field) {
        return body.get(field) != null && !body.get(field).isNull();
    }

    private static void requireFields(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid("unrecognized field '" + name + "'");
            }
        }
    }

    private static RestException invalid(String message) {
        return new RestException(400, 400, message);
    }
}
