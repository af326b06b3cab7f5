package io.pinpipe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.common.Await;
import io.pinpipe.gateway.ops.ApiRoutes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.pinpipe.gateway.V3Shapes.collection;
import static io.pinpipe.gateway.V3Shapes.error;
import static io.pinpipe.gateway.V3Shapes.json;
import static io.pinpipe.gateway.V3Shapes.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read operations of REST Proxy v3 against a real broker: each answers the fields Confluent's document requires
 * (success and error), and every link any answer carries resolves. The lake sink's own consumer group
 * ({@code connect-pinpipe-lake}, a live member here) shows its lag through {@code /lags} and {@code /lag-summary}.
 */
class V3ResourcesIT {

    private static final String LAKE_GROUP = "connect-pinpipe-lake";
    /** A group id with a space: links must be percent-encoded to resolve. */
    private static final String OFFLINE_GROUP = "report offline";
    private static final String OFFLINE_PATH = "report%20offline";
    private static GatewayFixture fixture;
    private static KafkaConsumer<byte[], byte[]> lakeMember;
    private static String cluster;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture();
        fixture.createTopic("v3r.a", 2);
        fixture.createTopic("v3r.b", 1);
        fixture.startGateway(Map.of());
        cluster = "/v3/clusters/" + fixture.admin.describeCluster().clusterId().get();
        produce("v3r.a", 0, 5);
        produce("v3r.a", 1, 3);
        produce("v3r.b", 0, 4);
        // The lake sink's group as Connect runs it: a live member holding both partitions, offsets committed
        // behind the log end on partition 0 only.
        lakeMember = consumer(LAKE_GROUP);
        lakeMember.subscribe(List.of("v3r.a"));
        assertThat(Await.until(Duration.ofSeconds(60), () -> {
            lakeMember.poll(Duration.ofMillis(100));
            return lakeMember.assignment().size() == 2;
        })).as("the lake member got both partitions").isTrue();
        lakeMember.commitSync(Map.of(new TopicPartition("v3r.a", 0), new OffsetAndMetadata(2),
                new TopicPartition("v3r.a", 1), new OffsetAndMetadata(3)));
        // A group with committed offsets and no member, like a sink that is stopped.
        try (KafkaConsumer<byte[], byte[]> offline = consumer(OFFLINE_GROUP)) {
            offline.assign(List.of(new TopicPartition("v3r.b", 0)));
            offline.commitSync(Map.of(new TopicPartition("v3r.b", 0), new OffsetAndMetadata(1)));
        }
    }

    @AfterAll
    static void stop() {
        if (lakeMember != null) {
            lakeMember.close();
        }
        fixture.close();
    }

    @Test
    void clustersCarryEveryRequiredRelationship() {
        List<JsonNode> clusters = collection(fixture.get("/v3/clusters"), "KafkaCluster", V3Shapes.CLUSTER);
        assertThat(clusters).hasSize(1);
        JsonNode one = resource(fixture.get(cluster), "KafkaCluster", V3Shapes.CLUSTER);
        assertThat(one.path("controller").path("related").asText()).endsWith(cluster + "/brokers/1");
        assertThat(one.path("metadata").path("resource_name").asText()).startsWith("crn:///kafka=");
        assertThat(resource(fixture.get("/test" + cluster), "KafkaCluster", V3Shapes.CLUSTER).path("topics")
                .path("related").asText()).contains("/test/v3/clusters/");
        error(fixture.get("/v3/clusters/nope"), 404, 404);
        error(fixture.get("/v3/clusters/nope/topics"), 404, 404);
        error(fixture.get(cluster, "Accept", "text/plain"), 406, 406);
    }

    /** Walks every link from the cluster object; each answers, and each route it reaches is in /openapi.json. */
    @Test
    void everyLinkResolvesAndIsDocumented() {
        Deque<String> pending = new ArrayDeque<>(List.of(fixture.uri(cluster).toString()));
        Set<String> seen = new HashSet<>(pending);
        while (!pending.isEmpty()) {
            String link = pending.poll();
            HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(URI.create(link)).GET());
            if (link.endsWith("/reassignment") && !link.contains("/-/")) {
                // Confluent answers 404 for a partition that is not being reassigned; the route is served.
                error(response, 404, 404);
                continue;
            }
            assertThat(response.statusCode()).as(link + " " + response.body()).isEqualTo(200);
            for (String next : V3Shapes.links(firstItemOnly(json(response.body())))) {
                if (seen.add(next)) {
                    pending.add(next);
                }
            }
        }
        List<Pattern> documented = new ArrayList<>();
        json(fixture.get("/openapi.json").body()).path("paths").fields().forEachRemaining(path -> {
            if (path.getValue().has("get")) {
                documented.add(Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+")));
            }
        });
        for (String link : seen) {
            String path = URI.create(link).getPath();
            assertThat(documented).as("/openapi.json lists " + path).anyMatch(route -> route.matcher(path).matches());
        }
        assertThat(seen).anyMatch(link -> link.endsWith("/consumer-groups/" + LAKE_GROUP + "/lag-summary"))
                .anyMatch(link -> link.contains("/partition-replicas")).anyMatch(link -> link.endsWith("/acls"))
                .anyMatch(link -> link.contains("/broker-configs")).hasSizeGreaterThan(25);
    }

    /** The error side of every v3 operation that names a cluster: an unknown cluster is Confluent's 404. */
    @Test
    void everyOperationAnswersAnUnknownCluster404() {
        List<ApiRoutes.ApiRoute> v3 = ApiRoutes.ALL.stream()
                .filter(route -> route.path().startsWith("/v3/clusters/{cluster_id}")).toList();
        assertThat(v3).hasSizeGreaterThan(30);
        for (ApiRoutes.ApiRoute route : v3) {
            String path = route.path().replace("{cluster_id}", "nope").replace("{partition_id}", "0")
                    .replace("{broker_id}", "1").replaceAll("\\{[^}]+}", "x");
            HttpRequest.BodyPublisher body = route.method().equals("GET") || route.method().equals("DELETE")
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
            HttpResponse<String> response = fixture.send(HttpRequest.newBuilder(fixture.uri(path))
                    .method(route.method(), body).header("Content-Type", "application/json"));
            assertThat(response.statusCode()).as(route.method() + " " + path + " " + response.body()).isEqualTo(404);
            error(response, 404, 404);
        }
    }

    @Test
    void brokersTheirConfigsAndReplicas() {
        List<JsonNode> brokers = collection(fixture.get(cluster + "/brokers"), "KafkaBroker", V3Shapes.BROKER);
        assertThat(brokers).extracting(broker -> broker.path("broker_id").asInt()).containsExactly(1);
        JsonNode broker = resource(fixture.get(cluster + "/brokers/1"), "KafkaBroker", V3Shapes.BROKER);
        assertThat(broker.path("host").asText()).isNotEmpty();
        assertThat(broker.path("port").asInt()).isPositive();
        List<JsonNode> configs = collection(fixture.get(cluster + "/brokers/1/configs"), "KafkaBrokerConfig",
                withField(V3Shapes.CONFIG, "broker_id:i"));
        assertThat(configs).extracting(config -> config.path("name").asText()).contains("log.dirs");
        resource(fixture.get(cluster + "/brokers/1/configs/log.dirs"), "KafkaBrokerConfig",
                withField(V3Shapes.CONFIG, "broker_id:i"));
        List<JsonNode> replicas = collection(fixture.get(cluster + "/brokers/1/partition-replicas"), "KafkaReplica",
                V3Shapes.REPLICA);
        assertThat(replicas).extracting(replica -> replica.path("topic_name").asText() + "-"
                + replica.path("partition_id").asInt()).contains("v3r.a-0", "v3r.a-1", "v3r.b-0");
        String[] clusterConfig = withField(V3Shapes.CONFIG, "config_type:s");
        List<JsonNode> clusterConfigs = collection(fixture.get(cluster + "/broker-configs"), "KafkaClusterConfig",
                clusterConfig);
        // A KRaft cluster keeps min.insync.replicas as a cluster-wide dynamic config: there is one to get by name.
        assertThat(clusterConfigs).isNotEmpty();
        resource(fixture.get(cluster + "/broker-configs/" + clusterConfigs.get(0).path("name").asText()),
                "KafkaClusterConfig", clusterConfig);
        error(fixture.get(cluster + "/broker-configs/no.such.config"), 404, 404);
        error(fixture.get(cluster + "/brokers/7"), 404, 404);
        error(fixture.get(cluster + "/brokers/x/configs"), 404, 404);
        error(fixture.get(cluster + "/brokers/1/configs/no.such.config"), 404, 404);
    }

    @Test
    void topicsPartitionsReplicasAndConfigs() {
        List<JsonNode> topics = collection(fixture.get(cluster + "/topics"), "KafkaTopic", V3Shapes.TOPIC);
        assertThat(topics).extracting(topic -> topic.path("topic_name").asText()).contains("v3r.a", "v3r.b");
        JsonNode topic = resource(fixture.get(cluster + "/topics/v3r.a"), "KafkaTopic", V3Shapes.TOPIC);
        assertThat(topic.path("partitions_count").asInt()).isEqualTo(2);
        assertThat(topic.path("replication_factor").asInt()).isEqualTo(1);
        assertThat(topic.path("is_internal").asBoolean()).isFalse();
        error(fixture.get(cluster + "/topics/absent"), 404, 404);

        assertThat(collection(fixture.get(cluster + "/topics/v3r.a/partitions"), "KafkaPartition",
                V3Shapes.PARTITION)).hasSize(2);
        JsonNode partition = resource(fixture.get(cluster + "/topics/v3r.a/partitions/1"), "KafkaPartition",
                V3Shapes.PARTITION);
        assertThat(partition.path("leader").path("related").asText()).endsWith("/partitions/1/replicas/1");
        error(fixture.get(cluster + "/topics/v3r.a/partitions/2"), 404, 404);
        JsonNode offsets = resource(fixture.get(cluster + "/topics/v3r.a/partitions/0/offset"),
                "KafkaPartitionWithOffsets", "cluster_id:s", "topic_name:s", "partition_id:i", "earliest_offset:i",
                "latest_offset:i");
        assertThat(offsets.path("earliest_offset").asLong()).isZero();
        assertThat(offsets.path("latest_offset").asLong()).isEqualTo(5);
        error(fixture.get(cluster + "/topics/v3r.a/partitions/0/offset?offset_type=latest"), 400, 400);
        error(fixture.get(cluster + "/topics/v3r.a/partitions/2/offset"), 404, 404);
        error(fixture.get(cluster + "/topics/absent/partitions"), 404, 404);

        assertThat(collection(fixture.get(cluster + "/topics/v3r.a/partitions/0/replicas"), "KafkaReplica",
                V3Shapes.REPLICA)).hasSize(1);
        JsonNode replica = resource(fixture.get(cluster + "/topics/v3r.a/partitions/0/replicas/1"), "KafkaReplica",
                V3Shapes.REPLICA);
        assertThat(replica.path("is_leader").asBoolean()).isTrue();
        assertThat(replica.path("is_in_sync").asBoolean()).isTrue();
        error(fixture.get(cluster + "/topics/v3r.a/partitions/0/replicas/2"), 404, 404);

        String[] topicConfig = withField(V3Shapes.CONFIG, "topic_name:s");
        assertThat(collection(fixture.get(cluster + "/topics/v3r.a/configs"), "KafkaTopicConfig", topicConfig))
                .extracting(config -> config.path("name").asText()).contains("cleanup.policy", "retention.ms");
        JsonNode config = resource(fixture.get(cluster + "/topics/v3r.a/configs/cleanup.policy"),
                "KafkaTopicConfig", topicConfig);
        assertThat(config.path("value").asText()).isEqualTo("delete");
        assertThat(config.path("source").asText()).isIn("DEFAULT_CONFIG", "STATIC_BROKER_CONFIG");
        error(fixture.get(cluster + "/topics/v3r.a/configs/no.such.config"), 404, 404);
        error(fixture.get(cluster + "/topics/absent/configs"), 404, 404);
    }

    @Test
    void reassignmentsAreEmptyListsAndAPartitionWithoutOneIs404() {
        assertThat(collection(fixture.get(cluster + "/topics/-/partitions/-/reassignment"), "KafkaReassignment"))
                .isEmpty();
        assertThat(collection(fixture.get(cluster + "/topics/v3r.a/partitions/-/reassignment"),
                "KafkaReassignment")).isEmpty();
        error(fixture.get(cluster + "/topics/v3r.a/partitions/0/reassignment"), 404, 404);
        error(fixture.get(cluster + "/topics/absent/partitions/-/reassignment"), 404, 404);
    }

    @Test
    void aclsWithoutAnAuthorizerAreAnEmptyListAndBadFiltersAre400AndAdministrationIsNotServed() {
        assertThat(collection(fixture.get(cluster + "/acls?resource_type=TOPIC&operation=READ"), "KafkaAcl",
                V3Shapes.ACL)).isEmpty();
        error(fixture.get(cluster + "/acls?resource_type=SPACESHIP"), 400, 400);
        error(fixture.get(cluster + "/acls?colour=red"), 400, 400);
        // ACL administration is not served: another method of a served path is 405, an unserved path 404.
        error(fixture.send(HttpRequest.newBuilder(fixture.uri(cluster + "/acls")).DELETE()), 405, 405);
        error(fixture.post(cluster + "/acls:batch", "application/json", "{\"data\":[]}"), 404, 404);
    }

    @Test
    void consumerGroupsTheirConsumersAndAssignments() {
        List<JsonNode> groups = collection(fixture.get(cluster + "/consumer-groups"), "KafkaConsumerGroup",
                V3Shapes.CONSUMER_GROUP);
        assertThat(groups).extracting(group -> group.path("consumer_group_id").asText())
                .contains(LAKE_GROUP, OFFLINE_GROUP);
        String lake = cluster + "/consumer-groups/" + LAKE_GROUP;
        JsonNode group = resource(fixture.get(lake), "KafkaConsumerGroup", V3Shapes.CONSUMER_GROUP);
        assertThat(group.path("state").asText()).isEqualTo("STABLE");
        assertThat(group.path("is_simple").asBoolean()).isFalse();
        List<JsonNode> consumers = collection(fixture.get(lake + "/consumers"), "KafkaConsumer", V3Shapes.CONSUMER);
        assertThat(consumers).hasSize(1);
        String member = consumers.get(0).path("consumer_id").asText();
        resource(fixture.get(lake + "/consumers/" + member), "KafkaConsumer", V3Shapes.CONSUMER);
        List<JsonNode> assignments = collection(fixture.get(lake + "/consumers/" + member + "/assignments"),
                "KafkaConsumerAssignment", V3Shapes.ASSIGNMENT);
        assertThat(assignments).extracting(assignment -> assignment.path("partition_id").asInt())
                .containsExactly(0, 1);
        resource(fixture.get(lake + "/consumers/" + member + "/assignments/v3r.a/partitions/1"),
                "KafkaConsumerAssignment", V3Shapes.ASSIGNMENT);

        error(fixture.get(cluster + "/consumer-groups/no-such-group"), 404, 404);
        error(fixture.get(lake + "/consumers/no-such-member"), 404, 404);
        error(fixture.get(lake + "/consumers/" + member + "/assignments/v3r.b/partitions/0"), 404, 404);
    }

    @Test
    void theLakeSinksLagIsVisiblePerPartitionAndSummed() {
        String lake = cluster + "/consumer-groups/" + LAKE_GROUP;
        List<JsonNode> lags = collection(fixture.get(lake + "/lags"), "KafkaConsumerLag", V3Shapes.LAG);
        assertThat(lags).extracting(lag -> lag.path("partition_id").asInt() + ":" + lag.path("current_offset")
                .asLong() + "/" + lag.path("log_end_offset").asLong() + "=" + lag.path("lag").asLong())
                .containsExactly("0:2/5=3", "1:3/3=0");
        assertThat(lags.get(0).path("consumer_id").asText()).isNotEmpty();
        JsonNode one = resource(fixture.get(lake + "/lags/v3r.a/partitions/0"), "KafkaConsumerLag", V3Shapes.LAG);
        assertThat(one.path("lag").asLong()).isEqualTo(3);
        JsonNode summary = resource(fixture.get(lake + "/lag-summary"), "KafkaConsumerGroupLagSummary",
                V3Shapes.LAG_SUMMARY);
        assertThat(summary.path("max_lag").asLong()).isEqualTo(3);
        assertThat(summary.path("total_lag").asLong()).isEqualTo(3);
        assertThat(summary.path("max_lag_topic_name").asText()).isEqualTo("v3r.a");
        assertThat(summary.path("max_lag_partition_id").asInt()).isZero();
        assertThat(summary.path("max_lag_consumer").path("related").asText())
                .endsWith("/consumers/" + lags.get(0).path("consumer_id").asText());

        String offline = cluster + "/consumer-groups/" + OFFLINE_PATH;
        JsonNode stopped = collection(fixture.get(offline + "/lags"), "KafkaConsumerLag", V3Shapes.LAG).get(0);
        assertThat(stopped.path("lag").asLong()).isEqualTo(3);
        assertThat(stopped.path("consumer_id").asText()).isEmpty();
        JsonNode offlineSummary = resource(fixture.get(offline + "/lag-summary"), "KafkaConsumerGroupLagSummary",
                V3Shapes.LAG_SUMMARY);
        String toConsumers = offlineSummary.path("max_lag_consumer").path("related").asText();
        assertThat(toConsumers).endsWith("/consumer-groups/" + OFFLINE_PATH + "/consumers");
        assertThat(collection(fixture.send(HttpRequest.newBuilder(URI.create(toConsumers)).GET()), "KafkaConsumer",
                V3Shapes.CONSUMER)).isEmpty();

        error(fixture.get(lake + "/lags/v3r.b/partitions/0"), 404, 404);
        error(fixture.get(cluster + "/consumer-groups/no-such-group/lags"), 404, 404);
        error(fixture.get(cluster + "/consumer-groups/no-such-group/lag-summary"), 404, 404);
    }

    @Test
    void topicsOutsideTheAllowListAreHiddenAndRefused() {
        try {
            fixture.startGateway(Map.of("pinpipe.topics.regex", "v3r[.]a"));
            assertThat(collection(fixture.get(cluster + "/topics"), "KafkaTopic", V3Shapes.TOPIC))
                    .extracting(topic -> topic.path("topic_name").asText()).containsExactly("v3r.a");
            error(fixture.get(cluster + "/topics/v3r.b"), 403, 40301);
            error(fixture.get(cluster + "/topics/v3r.b/partitions/0"), 403, 40301);
            error(fixture.get(cluster + "/consumer-groups/" + OFFLINE_PATH + "/lags"), 404, 404);
        } finally {
            fixture.startGateway(Map.of());
        }
    }

    /** Of a collection, the first item's links stand for all (a broker has hundreds of configs). */
    private static JsonNode firstItemOnly(JsonNode body) {
        if (!body.path("data").isArray() || body.path("data").size() < 2) {
            return body;
        }
        ObjectNode trimmed = body.deepCopy();
        trimmed.putArray("data").add(body.path("data").get(0));
        return trimmed;
    }

    private static String[] withField(String[] fields, String extra) {
        String[] all = Arrays.copyOf(fields, fields.length + 1);
        all[fields.length] = extra;
        return all;
    }

    private static void produce(String topic, int partition, int count) {
        StringBuilder records = new StringBuilder("{\"records\":[");
        for (int i = 0; i < count; i++) {
            records.append(i == 0 ? "" : ",").append("{\"value\":").append(i).append('}');
        }
        HttpResponse<String> response = fixture.post("/topics/" + topic + "/partitions/" + partition,
                "application/vnd.kafka.json.v2+json", records.append("]}").toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(config);
    }
}
