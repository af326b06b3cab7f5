package io.pinpipe.gateway.config;

import io.pinpipe.gateway.front.ApiKey;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigTest {

    private static Path courseFile() throws URISyntaxException {
        return Path.of(GatewayConfigTest.class.getResource("/course-kafka-rest.properties").toURI());
    }

    @Test
    void courseFileLoadsAsItIsWithZookeeperIgnored() throws Exception {
        GatewayConfig config = GatewayConfig.load(courseFile(), Map.of());

        assertThat(config.ignoredKeys()).containsExactly("zookeeper.connect");
        assertThat(config.listener().toString()).isEqualTo("http://127.0.0.1:8082");
        assertThat(config.stages()).containsExactly("test");
        Map<String, Object> producer = config.kafka().producer();
        assertThat(producer.get("bootstrap.servers").toString()).startsWith("b-1.pinterestmskcluster");
        assertThat(producer).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(SaslConfigs.SASL_MECHANISM, "AWS_MSK_IAM")
                .containsEntry(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS,
                        "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
        assertThat(config.kafka().admin()).containsEntry("security.protocol", "SASL_SSL");
        assertThat(config.kafka().consumer()).containsEntry(SaslConfigs.SASL_MECHANISM, "AWS_MSK_IAM");
        assertThat(config.toString()).doesNotContain("awsRoleArn");
        assertThat(config.kafka().toString()).doesNotContain("awsRoleArn");
    }

    @Test
    void courseFileClientSettingsInstantiateTheMskIamCallbackHandler() throws Exception {
        GatewayConfig config = GatewayConfig.load(courseFile(), Map.of());
        String handlerClass = config.kafka().producer().get(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS)
                .toString();
        Object handler = Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        assertThat(handler).isInstanceOf(org.apache.kafka.common.security.auth.AuthenticateCallbackHandler.class);
        String loginModule = config.kafka().producer().get(SaslConfigs.SASL_JAAS_CONFIG).toString().split(" ")[0];
        assertThat(Class.forName(loginModule).getDeclaredConstructor().newInstance())
                .isInstanceOf(javax.security.auth.spi.LoginModule.class);
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        GatewayConfig config = GatewayConfig.load(courseFile(), Map.of("PINPIPE_BOOTSTRAP_SERVERS", "127.0.0.1:1",
                "PINPIPE_API_KEYS", "from-env", "PINPIPE_PINPIPE_API_KEYS_ENABLED", "true"));
        assertThat(config.kafka().producer()).containsEntry("bootstrap.servers", "127.0.0.1:1");
        assertThat(config.apiKeys()).extracting(ApiKey::secret).containsExactly("from-env");
        assertThat(config.apiKeysEnabled()).isTrue();
    }

    @Test
    void producerIsAlwaysIdempotentWithAcksAllAndDocumentedDefaults() {
        Map<String, Object> producer = GatewayConfig.of(Map.of("producer.linger.ms", "20")).kafka().producer();
        assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, "20")
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    @Test
    void unsafeProducerOverridesAreRefused() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("producer.acks", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("producer.acks");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("producer.enable.idempotence", "false")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idempotence");
    }

    @Test
    void invalidValuesFailWithTheKeyName() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("listeners", "ftp://x:1")))
                .hasMessageContaining("listeners");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.rate.limit.per.second", "-3")))
                .hasMessageContaining("pinpipe.rate.limit.per.second");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.topics.regex", "(")))
                .hasMessageContaining("pinpipe.topics.regex");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.stages", "te st")))
                .hasMessageContaining("pinpipe.stages");
    }

    @Test
    void crossFieldRulesAreChecked() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.api.keys.enabled", "true")))
                .hasMessageContaining("pinpipe.api.keys");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("listeners", "https://127.0.0.1:8443")))
                .hasMessageContaining("ssl.keystore.location");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.ssl.pem.cert.location", "/tmp/cert.pem")))
                .hasMessageContaining("pinpipe.ssl.pem.key.location");
    }

    @Test
    void secretsNeverAppearInToString() {
        GatewayConfig config = GatewayConfig.of(Map.of("pinpipe.api.keys", "super-secret-key",
                "ssl.keystore.password", "pw-123", "client.sasl.jaas.config", "x password=\"jaas-pw\";"));
        assertThat(config.toString()).doesNotContain("super-secret-key", "pw-123", "jaas-pw");
    }

    @Test
    void listenerBeyondLoopbackWithoutApiKeysIsRefusedUnlessExplicitlyAllowed() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("listeners", "http://0.0.0.0:8082")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pinpipe.listen.without.api.keys");
        GatewayConfig open = GatewayConfig.of(Map.of("listeners", "http://0.0.0.0:8082",
                "pinpipe.listen.without.api.keys", "true"));
        assertThat(open.openToAnyone()).isTrue();
        GatewayConfig keyed = GatewayConfig.of(Map.of("listeners", "http://0.0.0.0:8082",
                "pinpipe.api.keys.enabled", "true", "pinpipe.api.keys", "k"));
        assertThat(keyed.openToAnyone()).isFalse();
        assertThat(GatewayConfig.of(Map.of("listeners", "http://localhost:8082")).loopbackOnly()).isTrue();
    }

    @Test
    void streamsAdministrationIsOffByDefaultBeyondLoopback() {
        assertThat(GatewayConfig.of(Map.of()).streamsAdminEnabled()).isTrue();
        Map<String, String> remote = Map.of("listeners", "http://0.0.0.0:8082", "pinpipe.api.keys.enabled", "true",
                "pinpipe.api.keys", "k admin");
        assertThat(GatewayConfig.of(remote).streamsAdminEnabled()).isFalse();
        assertThat(GatewayConfig.of(remote).with(Map.of("pinpipe.streams.admin", "on")).streamsAdminEnabled())
                .isTrue();
        assertThat(GatewayConfig.of(Map.of("pinpipe.streams.admin", "off")).streamsAdminEnabled()).isFalse();
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.streams.admin", "maybe")))
                .hasMessageContaining("pinpipe.streams.admin");
    }

    @Test
    void apiKeysCarryTheirTopicsGroupsAndAdminRight() {
        GatewayConfig config = GatewayConfig.of(Map.of("pinpipe.api.keys",
                "plain, reader topics=report[.].* groups=report-.*, root admin"));
        List<ApiKey> keys = config.apiKeys();
        assertThat(keys).extracting(ApiKey::secret).containsExactly("plain", "reader", "root");
        assertThat(keys.get(0).mayUseTopic("anything")).isTrue();
        assertThat(keys.get(1).mayUseTopic("report.pin")).isTrue();
        assertThat(keys.get(1).mayUseTopic("secret")).isFalse();
        assertThat(keys.get(1).mayUseGroup("report-1")).isTrue();
        assertThat(keys.get(1).mayUseGroup("connect-pinpipe-lake")).isFalse();
        assertThat(keys.get(1).admin()).isFalse();
        assertThat(keys.get(2).admin()).isTrue();
        assertThat(keys.toString()).doesNotContain("reader").doesNotContain("root");
    }

    @Test
    void aBadApiKeyRightNamesTheEntryButNeverTheKey() {
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.api.keys", "ok, s3cr3t topics=[")))
                .hasMessageContaining("entry 2").hasMessageContaining("topics=")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.api.keys", "s3cr3t superuser")))
                .hasMessageContaining("unknown right 'superuser'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
    }

    @Test
    void defaultConsumerGroupsKeepClientsOutOfConnectAndSparkGroups() {
        Pattern groups = GatewayConfig.of(Map.of()).consumerGroupsRegex();
        assertThat(groups.matcher("connect-pinpipe-lake").matches()).isFalse();
        assertThat(groups.matcher("spark-kafka-source-1b2c-driver-0").matches()).isFalse();
        assertThat(groups.matcher("pinpipe-connect").matches()).isFalse();
        assertThat(groups.matcher("report").matches()).isTrue();
    }

    @Test
    void everyNewLimitIsCheckedAtStart() {
        for (String key : List.of("pinpipe.produce.max.records", "pinpipe.inflight.max.bytes",
                "pinpipe.request.read.timeout.ms", "pinpipe.idle.timeout.seconds", "pinpipe.max.connections")) {
            assertThatThrownBy(() -> GatewayConfig.of(Map.of(key, "0"))).as(key).hasMessageContaining(key);
        }
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.consumer.groups.regex", "(unclosed")))
                .hasMessageContaining("pinpipe.consumer.groups.regex");
        assertThatThrownBy(() -> GatewayConfig.of(Map.of("pinpipe.listen.without.api.keys", "yes")))
                .hasMessageContaining("pinpipe.listen.without.api.keys");
    }

    @Test
    void corsIsOffByDefault() {
        assertThat(GatewayConfig.of(Map.of()).get(GatewayKeys.CORS_ORIGIN)).isEmpty();
    }
}
