package io.pinpipe.gateway.config;

import io.pinpipe.common.KafkaCluster;
import io.pinpipe.common.Redaction;
import io.pinpipe.common.Settings;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kafka client settings the gateway derives from kafka-rest.properties, as the Confluent REST Proxy does:
 * {@code bootstrap.servers} and {@code client.*} go to every client, then {@code producer.*}, {@code consumer.*} or
 * {@code admin.*} to that client only. The producer starts from pinpipe's throughput and safety defaults; safety
 * ({@code acks=all}, idempotence) cannot be turned off, because the gateway promises that an acknowledged record is
 * in Kafka.
 */
public final class KafkaClientConfigs {

    /** The producer defaults pinpipe documents; any of them can be overridden with {@code producer.<name>}. */
    public static final Map<String, String> PRODUCER_DEFAULTS = Map.of(
            // No added wait: a single-record request is answered as soon as Kafka acks it; under load the producer
            // still batches whatever accumulates while earlier sends are in flight (BENCHMARKS.md, Gateway).
            ProducerConfig.LINGER_MS_CONFIG, "0",
            ProducerConfig.BATCH_SIZE_CONFIG, "65536",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
            // Bounded waits: a broker outage turns into a 503 within seconds instead of a stalled request.
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");

    private final Map<String, Object> producer;
    private final Map<String, Object> consumer;
    private final Map<String, Object> admin;

    private KafkaClientConfigs(Map<String, Object> producer, Map<String, Object> consumer, Map<String, Object> admin) {
        this.producer = Collections.unmodifiableMap(producer);
        this.consumer = Collections.unmodifiableMap(consumer);
        this.admin = Collections.unmodifiableMap(admin);
    }

    static KafkaClientConfigs from(Settings settings) {
        Map<String, Object> common = new TreeMap<>();
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.bootstrapServers(null, settings));
        common.putAll(settings.withPrefix("client."));

        Map<String, Object> producer = new TreeMap<>(common);
        producer.putAll(PRODUCER_DEFAULTS);
        producer.putAll(settings.withPrefix("producer."));
        checkSafety(producer);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "pinpipe-gateway");

        Map<String, Object> consumer = new TreeMap<>(common);
        consumer.putAll(settings.withPrefix("consumer."));
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());

        Map<String, Object> admin = new TreeMap<>(common);
        admin.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        admin.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        admin.putAll(settings.withPrefix("admin."));
        admin.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "pinpipe-gateway-admin");
        return new KafkaClientConfigs(producer, consumer, admin);
    }

    /** For {@code new KafkaProducer<byte[], byte[]>(...)}. */
    public Map<String, Object> producer() {
        return producer;
    }

    /** For consumers the consumer API creates; deserializers are byte arrays. */
    public Map<String, Object> consumer() {
        return consumer;
    }

    public Map<String, Object> admin() {
        return admin;
    }

    /** The producer settings with secrets hidden, for logs. */
    public Map<String, String> producerRedacted() {
        return Redaction.map(producer);
    }

    @Override
    public String toString() {
        return "KafkaClientConfigs" + producerRedacted();
    }

    private static void checkSafety(Map<String, Object> producer) {
        Object acks = producer.get(ProducerConfig.ACKS_CONFIG);
        if (acks != null && !"all".equals(acks.toString().trim()) && !"-1".equals(acks.toString().trim())) {
            throw new IllegalArgumentException("setting 'producer.acks' is '" + acks + "': the gateway answers 200"
                    + " only for records every in-sync replica has, so only 'all' is allowed");
        }
        Object idempotence = producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        if (idempotence != null && "false".equals(idempotence.toString().trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("setting 'producer.enable.idempotence' is false: the gateway needs the"
                    + " idempotent producer so retries never duplicate or reorder records");
        }
    }
}
