package io.pinpipe.cli.stream;

import io.pinpipe.broker.LocalKafka;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --kafka-config} reaches the streaming job's Kafka source: against a broker that only speaks SASL (PLAIN, as
 * MSK speaks SASL with IAM), the job given the client file drains the topics into the tables; with a wrong password
 * it fails and says why, instead of waiting for ever. The password never appears in the job's output.
 */
class SecuredKafkaStreamIT {

    private static final Topics TOPICS = new Topics("secured");
    private static final String PASSWORD = "stream-secret";

    @TempDir
    Path root;

    @Test
    void theClientFileReachesTheKafkaSourceAndAWrongPasswordFailsTheJob() throws Exception {
        String jaas = plain("admin", "admin-secret").replace(";", " user_admin=\"admin-secret\" user_stream=\""
                + PASSWORD + "\";");
        Map<String, String> broker = Map.of(
                "listeners", "SASL_PLAINTEXT://127.0.0.1:" + LocalKafka.CLIENT_PORT + ",CONTROLLER://127.0.0.1:"
                        + LocalKafka.CONTROLLER_PORT,
                "advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + LocalKafka.CLIENT_PORT,
                "listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name", "SASL_PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas);
        try (LocalKafka kafka = LocalKafka.inFolder(root.resolve("kafka"), 0, broker).start()) {
            Map<String, Object> admin = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", plain("admin", "admin-secret")));
            send(admin);

            StreamJobProcess wrong = start(kafka, clientFile("wrong-password"), "wrong");
            assertThat(wrong.await(300)).as(wrong.log()).isEqualTo(1);
            assertThat(wrong.log()).contains("pinpipe stream: failed").containsIgnoringCase("authentication");

            StreamJobProcess job = start(kafka, clientFile(PASSWORD), "right");
            assertThat(job.await(300)).as(job.log()).isZero();
            assertThat(job.log()).contains("with Kafka client settings sasl.jaas.config, sasl.mechanism,"
                            + " security.protocol", "pin: 1 rows, 1 distinct ind", "geo: 1 rows, 1 distinct ind",
                    "user: 1 rows, 1 distinct ind", "quarantine: 1 rows")
                    .doesNotContain(PASSWORD);
        }
    }

    /** A pin twice (one row), a geo record, a user, and a record that is not JSON. */
    private static void send(Map<String, Object> client) throws Exception {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(TOPICS.streamingTopics().stream().map(topic -> new NewTopic(topic, 1, (short) 1))
                    .toList()).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, Object> producer = new HashMap<>(client);
        producer.putAll(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        String pin = "{\"index\": 3, \"unique_id\": \"u\", \"poster_name\": \"P\", \"follower_count\": \"12k\","
                + " \"category\": \"art\"}";
        try (KafkaProducer<String, String> records = new KafkaProducer<>(producer)) {
            for (ProducerRecord<String, String> record : List.of(
                    new ProducerRecord<String, String>(TOPICS.streaming(SourceTable.PIN), pin),
                    new ProducerRecord<String, String>(TOPICS.streaming(SourceTable.PIN), pin),
                    new ProducerRecord<String, String>(TOPICS.streaming(SourceTable.GEO), "{\"ind\": 3, \"timestamp\":"
                            + " \"2018-02-03 04:05:06\", \"latitude\": 1.0, \"longitude\": 2.0, \"country\": \"Chad\"}"),
                    new ProducerRecord<String, String>(TOPICS.streaming(SourceTable.GEO), "not json"),
                    new ProducerRecord<String, String>(TOPICS.streaming(SourceTable.USER), "{\"ind\": 3,"
                            + " \"first_name\": \"Cy\", \"last_name\": \"Do\", \"age\": 30, \"date_joined\":"
                            + " \"2016-02-03T04:05:06\"}"))) {
                records.send(record).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private Path clientFile(String password) throws Exception {
        Path file = root.resolve("client-" + password + ".properties");
        Files.writeString(file, String.join("\n", "security.protocol=SASL_PLAINTEXT", "sasl.mechanism=PLAIN",
                "sasl.jaas.config=" + plain("stream", password), ""));
        return file;
    }

    private StreamJobProcess start(LocalKafka kafka, Path clientFile, String run) throws Exception {
        return StreamJobProcess.start(root.resolve(run + ".log"), StreamCommand.MAIN_CLASS, List.of(
                "--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", clientFile.toString(),
                "--user-id", "secured", "--warehouse", root.resolve(run + "/stream-warehouse").toString(),
                "--available-now", "true"));
    }

    private static String plain(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }
}
