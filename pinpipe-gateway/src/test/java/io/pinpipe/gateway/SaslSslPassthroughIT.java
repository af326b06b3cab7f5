package io.pinpipe.gateway;

import io.pinpipe.broker.LocalKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.pinpipe.gateway.GatewayFixture.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code client.*} settings reach every Kafka client of the gateway: against a broker that only speaks SASL_SSL
 * (PLAIN over TLS, with a throwaway keystore made by keytool), the gateway produces and reads metadata; with a wrong
 * password it answers 503 instead of writing.
 */
class SaslSslPassthroughIT {

    private static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
    private static final String STORE_PASSWORD = "store-pass";
    private static Path tls;
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        tls = Files.createTempDirectory("pinpipe-tls");
        Path keystore = tls.resolve("broker.p12");
        Path certificate = tls.resolve("broker.crt");
        Path truststore = tls.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-rfc", "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", truststore.toString(), "-storepass", STORE_PASSWORD);

        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\""
                + " password=\"admin-secret\" user_admin=\"admin-secret\" user_gateway=\"gateway-secret\";";
        Map<String, String> broker = Map.ofEntries(
                Map.entry("listeners", "SASL_SSL://127.0.0.1:" + LocalKafka.CLIENT_PORT
                        + ",CONTROLLER://127.0.0.1:" + LocalKafka.CONTROLLER_PORT),
                Map.entry("advertised.listeners", "SASL_SSL://127.0.0.1:" + LocalKafka.CLIENT_PORT),
                Map.entry("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "SASL_SSL"),
                Map.entry("sasl.enabled.mechanisms", "PLAIN"),
                Map.entry("sasl.mechanism.inter.broker.protocol", "PLAIN"),
                Map.entry("listener.name.sasl_ssl.plain.sasl.jaas.config", jaas),
                Map.entry("ssl.keystore.location", keystore.toString()),
                Map.entry("ssl.keystore.password", STORE_PASSWORD),
                Map.entry("ssl.keystore.type", "PKCS12"),
                Map.entry("ssl.truststore.location", truststore.toString()),
                Map.entry("ssl.truststore.password", STORE_PASSWORD),
                Map.entry("ssl.truststore.type", "PKCS12"));
        Map<String, Object> client = Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
                "sasl.jaas.config", plain("admin", "admin-secret"),
                "ssl.truststore.location", truststore.toString(), "ssl.truststore.password", STORE_PASSWORD,
                "ssl.truststore.type", "PKCS12");
        fixture = new GatewayFixture(broker, client);
        fixture.createTopic("secured", 1);
    }

    @AfterAll
    static void stop() throws IOException {
        fixture.close();
        try (var paths = Files.walk(tls)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void clientSettingsReachTheProducerAndAdminOverSaslSsl() {
        fixture.startGateway(gatewaySettings("gateway-secret"));
        assertThat(fixture.post("/test/topics/secured", JSON_V2, "{\"records\":[{\"value\":{\"over\":\"tls\"}}]}")
                .statusCode()).isEqualTo(200);
        assertThat(fixture.get("/topics").body()).contains("secured");
        assertThat(fixture.readAll("secured", 1)).extracting(record -> utf8(record.value()))
                .containsExactly("{\"over\":\"tls\"}");
        assertThat(fixture.gateway.context().config().toString()).doesNotContain("gateway-secret");
    }

    @Test
    void wrongCredentialsNeverAcknowledge() {
        fixture.startGateway(gatewaySettings("wrong-secret"));
        int status = fixture.post("/topics/secured", JSON_V2, "{\"records\":[{\"value\":1}]}").statusCode();
        assertThat(status).isEqualTo(503);
        assertThat(fixture.get("/health/ready").statusCode()).isEqualTo(503);
    }

    private static Map<String, String> gatewaySettings(String password) {
        Path truststore = tls.resolve("trust.p12");
        return Map.of("client.security.protocol", "SASL_SSL", "client.sasl.mechanism", "PLAIN",
                "client.sasl.jaas.config", plain("gateway", password),
                "client.ssl.truststore.location", truststore.toString(),
                "client.ssl.truststore.password", STORE_PASSWORD, "client.ssl.truststore.type", "PKCS12");
    }

    private static String plain(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("keytool"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
