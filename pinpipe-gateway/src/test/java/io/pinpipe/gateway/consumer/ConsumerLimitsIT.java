package io.pinpipe.gateway.consumer;

import io.vertx.core.json.JsonObject;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Expiry and the instance bound, each with its own gateway and settings. */
class ConsumerLimitsIT {

    @Test
    void anIdleInstanceExpiresAndIsForgotten() throws InterruptedException {
        ConsumerRoutes routes = new ConsumerRoutes(ConsumerSettings.defaults().withInstanceTimeoutMs(400));
        try (TestGateway gateway = TestGateway.start(routes); routes) {
            assertThat(gateway.send("POST", "/consumers/idle", "{\"name\":\"sleepy\"}").statusCode()).isEqualTo(200);
            assertThat(gateway.send("GET", "/consumers/idle/instances/sleepy/subscription", null).statusCode())
                    .isEqualTo(200);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (routes.instanceCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            HttpResponse<String> gone = gateway.send("GET", "/consumers/idle/instances/sleepy/subscription", null);
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(new JsonObject(gone.body()).getInteger("error_code")).isEqualTo(40403);
        }
    }

    @Test
    void closingTheRoutesClosesEveryInstanceSoItsGroupIsLeftAtOnce() throws Exception {
        ConsumerRoutes routes = new ConsumerRoutes(ConsumerSettings.defaults());
        try (TestGateway gateway = TestGateway.start(routes)) {
            String topic = "closing-" + UUID.randomUUID().toString().substring(0, 8);
            gateway.createTopic(topic, 1);
            String group = "closing-group-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(gateway.send("POST", "/consumers/" + group, "{\"name\":\"m\"}").statusCode()).isEqualTo(200);
            String base = "/consumers/" + group + "/instances/m";
            gateway.send("POST", base + "/subscription", "{\"topics\":[\"" + topic + "\"]}");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (members(gateway, group) == 0 && System.nanoTime() < deadline) {
                gateway.send("GET", base + "/records?timeout=200", null);
            }
            assertThat(members(gateway, group)).isEqualTo(1);

            routes.close();

            assertThat(routes.instanceCount()).isZero();
            assertThat(members(gateway, group)).isZero();
            assertThat(gateway.send("GET", base + "/subscription", null).statusCode()).isEqualTo(404);
        }
    }

    private static int members(TestGateway gateway, String group) throws Exception {
        try {
            return gateway.admin().describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group)
                    .members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    @Test
    void creatingMoreInstancesThanAllowedAnswers503() {
        ConsumerRoutes routes = new ConsumerRoutes(ConsumerSettings.defaults().withMaxInstances(2));
        try (TestGateway gateway = TestGateway.start(routes); routes) {
            assertThat(gateway.send("POST", "/consumers/full", "{\"name\":\"a\"}").statusCode()).isEqualTo(200);
            assertThat(gateway.send("POST", "/consumers/full", "{\"name\":\"b\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> third = gateway.send("POST", "/consumers/full", "{\"name\":\"c\"}");
            assertThat(third.statusCode()).isEqualTo(503);
            assertThat(new JsonObject(third.body()).getString("message")).contains("consumer.max.instances");
            assertThat(gateway.send("DELETE", "/consumers/full/instances/a", null).statusCode()).isEqualTo(204);
            assertThat(gateway.send("POST", "/consumers/full", "{\"name\":\"c\"}").statusCode()).isEqualTo(200);
        }
    }
}
