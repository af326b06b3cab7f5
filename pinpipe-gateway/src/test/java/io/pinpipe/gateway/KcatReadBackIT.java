package io.pinpipe.gateway;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An independent Kafka client (kcat, librdkafka) reads back exactly the records posted over HTTP. */
class KcatReadBackIT {

    @Test
    void kcatReadsBackExactlyTheRecordsPosted() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/kcat"));
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("kcat is missing on CI; .ci/install-test-tools installs it");
        }
        Assumptions.assumeTrue(present, "kcat not installed (apt-get install kcat); skipping");
        try (GatewayFixture fixture = new GatewayFixture()) {
            fixture.createTopic("kcat", 1);
            fixture.startGateway(Map.of());
            List<String> posted = new ArrayList<>();
            for (int request = 0; request < 5; request++) {
                StringBuilder body = new StringBuilder("{\"records\":[");
                for (int i = 0; i < 20; i++) {
                    String value = "{\"ind\":" + (request * 20 + i) + ",\"country\":\"Côte d'Ivoire\"}";
                    posted.add(value);
                    body.append(i == 0 ? "" : ",").append("{\"value\":").append(value).append('}');
                }
                assertThat(fixture.post("/test/topics/kcat", "application/vnd.kafka.json.v2+json",
                        body.append("]}").toString()).statusCode()).isEqualTo(200);
            }
            Process kcat = new ProcessBuilder("kcat", "-C", "-b", fixture.kafka.bootstrapServers(), "-t", "kcat",
                    "-e", "-q", "-f", "%s\\n").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kcat.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(kcat.exitValue()).isZero();
            assertThat(output.lines().toList()).containsExactlyElementsOf(posted);
        }
    }
}
