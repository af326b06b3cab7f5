package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The config resources of v3 ({@code KafkaTopicConfig}, {@code KafkaBrokerConfig}, {@code KafkaClusterConfig}):
 * one described Kafka config resource answered as a list, or one entry of it by name. A sensitive value is never
 * shown ({@code value} null, {@code is_sensitive} true), as Kafka itself hands it out.
 *
 * @param kind        the kind of one entry, e.g. {@code KafkaTopicConfig}; the list is that plus {@code List}
 * @param resource    the Kafka config resource described
 * @param listUrl     the URL of the list; an entry's {@code self} is that plus {@code /<name>}
 * @param ownerCrn    the CRN of the configs' owner, e.g. {@code crn:///kafka=<id>/topic=t}
 * @param entryType   the CRN type of one entry under its owner: {@code config}, or {@code broker-config}
 * @param owner       adds the owner's field to each entry ({@code topic_name}, {@code broker_id}, {@code config_type})
 */
record V3Configs(String kind, ConfigResource resource, String listUrl, String ownerCrn, String entryType,
                 Consumer<ObjectNode> owner) {

    /** The sources Confluent's document names; any other source Kafka reports is answered as UNKNOWN. */
    private static final Set<String> SOURCES = Set.of("DYNAMIC_CLUSTER_LINK_CONFIG", "DYNAMIC_TOPIC_CONFIG",
            "DYNAMIC_BROKER_LOGGER_CONFIG", "DYNAMIC_BROKER_CONFIG", "DYNAMIC_DEFAULT_BROKER_CONFIG",
            "STATIC_BROKER_CONFIG", "DEFAULT_CONFIG");

    /** Answers every entry of the resource, sorted by name. */
    void list(RoutingContext routing, GatewayContext context, V3Resources cluster) {
        Async.then(routing, describe(context), config -> {
            ObjectNode body = V3Resources.collection(kind + "List", listUrl);
            ArrayNode data = V3Resources.data(body);
            config.entries().stream().sorted(Comparator.comparing(ConfigEntry::name))
                    .forEach(entry -> data.add(entry(cluster, entry)));
            V3Resources.send(routing, context, body);
        });
    }

    /** Answers the entry {@code name}; 404 when the resource has no such config. */
    void get(RoutingContext routing, GatewayContext context, V3Resources cluster, String name) {
        Async.then(routing, describe(context), config -> {
            ConfigEntry entry = config.get(name);
            if (entry == null) {
                throw V3Resources.notFound("Config " + name);
            }
            V3Resources.send(routing, context, entry(cluster, entry));
        });
    }

    private CompletionStage<Config> describe(GatewayContext context) {
        return context.admin().describeConfigs(List.of(resource)).values().get(resource).toCompletionStage();
    }

    private ObjectNode entry(V3Resources cluster, ConfigEntry entry) {
        ObjectNode node = cluster.resource(kind, listUrl + "/" + entry.name(),
                ownerCrn + "/" + entryType + "=" + entry.name());
        owner.accept(node);
        node.put("name", entry.name());
        node.put("value", entry.isSensitive() ? null : entry.value());
        node.put("is_default", entry.isDefault());
        node.put("is_read_only", entry.isReadOnly());
        node.put("is_sensitive", entry.isSensitive());
        node.put("source", source(entry.source()));
        ArrayNode synonyms = node.putArray("synonyms");
        for (ConfigEntry.ConfigSynonym synonym : entry.synonyms()) {
            ObjectNode item = synonyms.addObject();
            item.put("name", synonym.name());
            item.put("value", entry.isSensitive() ? null : synonym.value());
            item.put("source", source(synonym.source()));
        }
        return node;
    }

    private static String source(ConfigEntry.ConfigSource source) {
        return source != null && SOURCES.contains(source.name()) ? source.name() : "UNKNOWN";
    }
}
