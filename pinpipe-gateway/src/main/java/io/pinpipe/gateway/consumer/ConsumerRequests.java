package io.pinpipe.gateway.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The bodies the consumer API accepts, checked: a subscription, a list of partitions, a list of offsets. A body
 * that does not have the documented shape answers 422 naming the field.
 */
final class ConsumerRequests {

    private ConsumerRequests() {
    }

    /** {@code {"topics":[...]}} or {@code {"topic_pattern":"..."}}: exactly one of them. */
    record Subscription(List<String> topics, Pattern pattern) {
    }

    static Subscription subscription(JsonNode body) {
        requireObject(body, "{\"topics\":[\"t\"]} or {\"topic_pattern\":\"t.*\"}");
        JsonNode topics = body.get("topics");
        JsonNode pattern = body.get("topic_pattern");
        boolean hasTopics = topics != null && !topics.isNull();
        boolean hasPattern = pattern != null && !pattern.isNull();
        if (hasTopics == hasPattern) {
            throw ConsumerErrors.invalid("A subscription names either 'topics' or 'topic_pattern', exactly one");
        }
        if (hasPattern) {
            if (!pattern.isTextual() || pattern.asText().isEmpty()) {
                throw ConsumerErrors.invalid("'topic_pattern' must be a non-empty string");
            }
            try {
                return new Subscription(null, Pattern.compile(pattern.asText()));
            } catch (PatternSyntaxException e) {
                throw ConsumerErrors.invalid("'topic_pattern' is not a regular expression: " + e.getDescription());
            }
        }
        if (!topics.isArray() || topics.isEmpty()) {
            throw ConsumerErrors.invalid("'topics' must be a non-empty list of topic names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode topic : topics) {
            if (!topic.isTextual() || topic.asText().isBlank()) {
                throw ConsumerErrors.invalid("'topics' must hold topic names (strings), not " + topic);
            }
            names.add(topic.asText());
        }
        return new Subscription(names, null);
    }

    /** {@code {"partitions":[{"topic":"t","partition":0}, ...]}}. */
    static List<TopicPartition> partitions(JsonNode body) {
        requireObject(body, "{\"partitions\":[{\"topic\":\"t\",\"partition\":0}]}");
        JsonNode list = body.get("partitions");
        if (list == null || !list.isArray()) {
            throw ConsumerErrors.invalid("The body must hold 'partitions': a list of {\"topic\",\"partition\"}");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (JsonNode entry : list) {
            partitions.add(topicPartition(entry, "partitions"));
        }
        return partitions;
    }

    /**
     * {@code {"offsets":[{"topic":"t","partition":0,"offset":5}, ...]}}, in the order given.
     *
     * @return null for an absent body where that means "all" (commit)
     */
    static Map<TopicPartition, Long> offsets(JsonNode body) {
        requireObject(body, "{\"offsets\":[{\"topic\":\"t\",\"partition\":0,\"offset\":5}]}");
        JsonNode list = body.get("offsets");
        if (list == null || !list.isArray()) {
            throw ConsumerErrors.invalid(
                    "The body must hold 'offsets': a list of {\"topic\",\"partition\",\"offset\"}");
        }
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (JsonNode entry : list) {
            TopicPartition partition = topicPartition(entry, "offsets");
            JsonNode offset = entry.get("offset");
            if (offset == null || !offset.isIntegralNumber() || !offset.canConvertToLong() || offset.longValue() < 0) {
                throw ConsumerErrors.invalid("Each of 'offsets' needs an 'offset' of at least 0, not " + offset);
            }
            offsets.put(partition, offset.longValue());
        }
        return offsets;
    }

    private static TopicPartition topicPartition(JsonNode entry, String list) {
        JsonNode topic = entry.get("topic");
        JsonNode partition = entry.get("partition");
        if (topic == null || !topic.isTextual() || topic.asText().isBlank()) {
            throw ConsumerErrors.invalid("Each of '" + list + "' needs a 'topic' (a string), not " + entry);
        }
        if (partition == null || !partition.canConvertToInt() || !partition.isIntegralNumber()
                || partition.intValue() < 0) {
            throw ConsumerErrors.invalid("Each of '" + list + "' needs a 'partition' of at least 0, not " + entry);
        }
        return new TopicPartition(topic.asText(), partition.intValue());
    }

    private static void requireObject(JsonNode body, String example) {
        if (body == null || !body.isObject()) {
            throw ConsumerErrors.invalid("The request needs a JSON body like " + example);
        }
    }
}
