package io.pinpipe.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.front.AdminAccess;
import io.pinpipe.gateway.front.GroupAccess;
import io.pinpipe.gateway.front.MemoryBudget;
import io.pinpipe.gateway.front.TopicAccess;
import io.pinpipe.gateway.http.ErrorResponder;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.kafka.ClusterView;
import io.pinpipe.gateway.kafka.ProduceService;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;

import java.util.Map;

/**
 * What the routes share: the Vert.x instance, the one producer and admin client of the gateway, the settings every
 * new Kafka client (consumers) is built from, and the metrics registry.
 *
 * @param consumerConfig {@code bootstrap.servers}, {@code client.*} and {@code consumer.*} of kafka-rest.properties,
 *                       ready for {@code new KafkaConsumer<>(...)}
 * @param config         the parsed gateway settings
 * @param cluster        topics, partitions, cluster id and reachability, refreshed in the background
 * @param produce        sends records without blocking an event loop; completes when Kafka acknowledged them
 * @param topicAccess    the topic allow-list every route that names a topic must check
 * @param json           request parsing with the configured limits, response writing
 * @param errors         the one failure handler; {@code context.fail(new RestException(...))} reaches it too
 * @param groupAccess    the consumer groups HTTP clients may join
 * @param adminAccess    who may create and delete streams
 * @param memory         the heap budget of requests in flight (bodies and their parsed JSON)
 */
public record GatewayContext(Vertx vertx, Producer<byte[], byte[]> producer, Admin admin,
                             Map<String, Object> consumerConfig, MeterRegistry metrics, GatewayConfig config,
                             ClusterView cluster, ProduceService produce, TopicAccess topicAccess, Json json,
                             ErrorResponder errors, GroupAccess groupAccess, AdminAccess adminAccess,
                             MemoryBudget memory) {
}
