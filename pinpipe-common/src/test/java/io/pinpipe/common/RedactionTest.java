package io.pinpipe.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @ParameterizedTest
    @ValueSource(strings = {"source.password", "ssl.key.password", "ssl.keystore.key", "sasl.jaas.config",
        "pinpipe.api.keys", "api.key", "fs.s3a.access.key", "fs.s3a.secret.key", "aws.secret.access.key",
        "AWS_SECRET_ACCESS_KEY", "aws.session.token", "sasl.oauthbearer.client.credentials.client.secret",
        "schema.registry.basic.auth.user.info", "producer.ssl.keystore.key", "consumer.sasl.jaas.config",
        "ssl.private.key", "client.ssl.truststore.password"})
    void settingsWhoseNameMarksThemSecretAreSecret(String name) {
        assertThat(Redaction.isSecretKey(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bootstrap.servers", "ssl.keystore.location", "ssl.keystore.type",
        "ssl.truststore.certificates", "key.converter", "source.url", "source.user", "pinpipe.topics.regex",
        "security.protocol", "sasl.mechanism"})
    void ordinarySettingsAreShown(String name) {
        assertThat(Redaction.isSecretKey(name)).isFalse();
    }

    @Test
    void userInfoOfAnyUrlIsHidden() {
        assertThat(Redaction.text("jdbc:mysql://user:secret@host:3306/db"))
                .isEqualTo("jdbc:mysql://[hidden]@host:3306/db");
        assertThat(Redaction.text("jdbc:postgresql://u:p@ss@db/x?ssl=true"))
                .isEqualTo("jdbc:postgresql://[hidden]@db/x?ssl=true");
        assertThat(Redaction.text("posting to https://ghp_token@gateway.example/test now"))
                .isEqualTo("posting to https://[hidden]@gateway.example/test now");
        assertThat(Redaction.text("s3a://AKIA:wJalr@bucket/lake")).isEqualTo("s3a://[hidden]@bucket/lake");
        assertThat(Redaction.text("http://127.0.0.1:8082/test")).isEqualTo("http://127.0.0.1:8082/test");
    }

    @Test
    void secretParametersAreHidden() {
        assertThat(Redaction.text("jdbc:mysql://db:3306/p?user=u&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:mysql://db:3306/p?user=u&password=[hidden]&ssl=true");
        assertThat(Redaction.text("jdbc:sqlserver://db;user=u;Password=x;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db;user=u;Password=[hidden];encrypt=true");
        assertThat(Redaction.text("jdbc:postgresql://db/p?sslpassword=x&sslkey=/k.pem&api_key=y&token=z"))
                .isEqualTo("jdbc:postgresql://db/p?sslpassword=[hidden]&sslkey=[hidden]&api_key=[hidden]"
                        + "&token=[hidden]");
        assertThat(Redaction.text("ScramLoginModule required username=\"u\" password=\"p w\";"))
                .isEqualTo("ScramLoginModule required username=\"u\" password=[hidden];");
        assertThat(Redaction.text("https://bucket.s3/k?X-Amz-Signature=abc&X-Amz-Date=1"))
                .isEqualTo("https://bucket.s3/k?X-Amz-Signature=[hidden]&X-Amz-Date=1");
    }

    @Test
    void knownSecretsAreHiddenWhereverAMessageQuotesThem() {
        assertThat(Redaction.text("Access denied for user 'u' (using password: hunter2)", "hunter2"))
                .isEqualTo("Access denied for user 'u' (using password: [hidden])");
        assertThat(Redaction.text(null, "x")).isNull();
        assertThat(Redaction.text("nothing to hide", "", null)).isEqualTo("nothing to hide");
    }

    @Test
    void aMapOfSettingsHidesSecretValuesAndSecretsInsideOtherValues() {
        assertThat(Redaction.map(Map.of("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----\nMIIE",
                "source.url", "jdbc:mysql://user:secret@host/db", "bootstrap.servers", "b1:9092", "retries", 3)))
                .containsExactly(Map.entry("bootstrap.servers", "b1:9092"), Map.entry("retries", "3"),
                        Map.entry("source.url", "jdbc:mysql://[hidden]@host/db"),
                        Map.entry("ssl.keystore.key", "[hidden]"));
    }
}
