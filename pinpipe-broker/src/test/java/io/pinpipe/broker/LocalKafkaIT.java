package io.pinpipe.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalKafkaIT {

    @Test
    void restartedBrokerKeepsItsAddressAndRecords(@TempDir Path dir) throws Exception {
        String bootstrap;
        try (LocalKafka kafka = LocalKafka.inFolder(dir).start()) {
            bootstrap = kafka.bootstrapServers();
            createTopic(bootstrap, "t");
            produce(bootstrap, "t", "one", "two");
        }

        try (LocalKafka again = LocalKafka.inFolder(dir).start()) {
            assertThat(again.bootstrapServers()).isEqualTo(bootstrap);
            produce(bootstrap, "t", "three");
            assertThat(consumeAll(bootstrap, "t", 3)).containsExactly("one", "two", "three");
        }
    }

    @Test
    void stopAndStartOnTheSameObjectWorks(@TempDir Path dir) throws Exception {
        LocalKafka kafka = LocalKafka.inFolder(dir).start();
        try {
            createTopic(kafka.bootstrapServers(), "u");
            kafka.stop();
            assertThat(kafka.isRunning()).isFalse();
            kafka.start();
            produce(kafka.bootstrapServers(), "u", "after restart");
            assertThat(consumeAll(kafka.bootstrapServers(), "u", 1)).containsExactly("after restart");
        } finally {
            kafka.close();
        }
    }

    @Test
    void topicsAreNeverCreatedByAccident(@TempDir Path dir) {
        try (LocalKafka kafka = LocalKafka.inFolder(dir).start()) {
            assertThatThrownBy(() -> produce(kafka.bootstrapServers(), "typo", "x"))
                    .hasRootCauseInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(Set.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    static void produce(String bootstrap, String topic, String... values) throws ExecutionException,
            InterruptedException {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    static List<String> consumeAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
