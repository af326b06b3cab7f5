package io.pinpipe.gateway;

import io.micrometer.core.instrument.MeterRegistry;
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
 */
public record GatewayContext(Vertx vertx, Producer<byte[], byte[]> producer, Admin admin,
                             Map<String, Object> consumerConfig, MeterRegistry metrics) {
}
