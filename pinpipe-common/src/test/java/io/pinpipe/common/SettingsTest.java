package io.pinpipe.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static final ConfigKey BOOTSTRAP = ConfigKey.of("bootstrap.servers", "localhost:9092", "Kafka brokers");
    private static final ConfigKey BATCH = ConfigKey.positiveInt("batch.size", 1, "records per request");

    @Test
    void environmentOverridesTheFileKeyByKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pinpipe.properties");
        Files.writeString(file, "bootstrap.servers = broker:9092\nclient.security.protocol=SSL\n");

        Settings settings = Settings.load(file, Map.of("PINPIPE_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                "PINPIPE_BATCH_SIZE", "100"), List.of(BOOTSTRAP, BATCH));

        assertThat(settings.get(BOOTSTRAP)).isEqualTo("broker:9092");
        assertThat(settings.getInt(BATCH)).isEqualTo(100);
        assertThat(settings.withPrefix("client.")).containsExactly(Map.entry("security.protocol", "SASL_SSL"));
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        assertThat(Settings.empty().get(BOOTSTRAP)).isEqualTo("localhost:9092");
    }

    @Test
    void invalidValueNamesTheKeyAndWhatWasExpected() {
        Settings settings = Settings.of(Map.of("batch.size", "0"));

        assertThatThrownBy(() -> settings.getInt(BATCH)).hasMessageContaining("batch.size")
                .hasMessageContaining("at least 1");
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> Settings.load(dir.resolve("nope.properties"), Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }

    @Test
    void toStringHidesSecrets() {
        Settings settings = Settings.of(Map.of("client.sasl.jaas.config", "x required password=\"hunter2\";",
                "s3.secret.access.key", "abc", "listeners", "http://0.0.0.0:8082"));

        assertThat(settings.toString()).doesNotContain("hunter2").doesNotContain("abc")
                .contains("http://0.0.0.0:8082");
    }

    @Test
    void booleansAreTrueOrFalseInAnyCaseAndTheDefaultAppliesWhenUnset() {
        ConfigKey enabled = ConfigKey.bool("thing.enabled", true, "doc");

        assertThat(Settings.empty().getBoolean(enabled)).isTrue();
        assertThat(Settings.of(Map.of("thing.enabled", "FALSE")).getBoolean(enabled)).isFalse();
        assertThat(Settings.of(Map.of("thing.enabled", " True ")).getBoolean(enabled)).isTrue();
    }

    @Test
    void aRegularExpressionThatDoesNotCompileIsRefusedNamingTheKey() {
        ConfigKey topics = ConfigKey.regex("topics.regex", ".*", "doc");

        assertThat(Settings.of(Map.of("topics.regex", "pin-(a|b)")).get(topics)).isEqualTo("pin-(a|b)");
        assertThatThrownBy(() -> Settings.of(Map.of("topics.regex", "pin-(a|b")).get(topics))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'topics.regex'")
                .hasMessageContaining("a Java regular expression");
    }

    @Test
    void anythingButTrueOrFalseIsRefusedNamingTheKeyRatherThanReadAsFalse() {
        ConfigKey enabled = ConfigKey.bool("thing.enabled", true, "doc");

        for (String bad : List.of("yes", "1", "flase", "")) {
            assertThatThrownBy(() -> Settings.of(Map.of("thing.enabled", bad)).getBoolean(enabled))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'thing.enabled'")
                    .hasMessageContaining("true or false");
        }
    }

    @Test
    void aBooleanReadThroughAKeyWithoutTheBooleanValidatorIsCheckedAllTheSame() {
        ConfigKey loose = ConfigKey.of("loose.flag", "false", "doc");

        assertThatThrownBy(() -> Settings.of(Map.of("loose.flag", "on")).getBoolean(loose))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'loose.flag' is 'on'");
    }

    @Test
    void toStringAndInvalidValuesHidePemKeysAndUrlPasswords() {
        Settings settings = Settings.of(Map.of("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----",
                "source.url", "jdbc:mysql://user:secret@host/db"));
        assertThat(settings.toString()).doesNotContain("PRIVATE").doesNotContain("secret")
                .contains("jdbc:mysql://[hidden]@host/db");

        ConfigKey url = new ConfigKey("source.url", null, "the source", false, value -> value.startsWith("http"),
                "an http URL");
        assertThatThrownBy(() -> settings.get(url)).hasMessageContaining("jdbc:mysql://[hidden]@host/db")
                .hasMessageNotContaining("secret");
    }

    @Test
    void anOptionalSettingIsTheFlagElseTheSettingElseEmpty() {
        ConfigKey apiKey = ConfigKey.secret("api.key", "doc");
        ConfigKey port = new ConfigKey("port", null, "doc", false, value -> value.matches("\\d+"), "digits");

        assertThat(Settings.of(Map.of("api.key", "from-file")).find(apiKey, "--api-key", "from-flag"))
                .contains("from-flag");
        assertThat(Settings.of(Map.of("api.key", "from-file")).find(apiKey, "--api-key", null)).contains("from-file");
        assertThat(Settings.empty().find(apiKey, "--api-key", null)).isEmpty();
        assertThatThrownBy(() -> Settings.empty().find(port, "--port", "x")).hasMessageContaining("option --port");
    }

    @Test
    void aFlagOverridesTheSettingAndIsRefusedByTheSameValidatorNamingTheFlag() {
        Settings settings = Settings.of(Map.of("user.id", "from-file"));

        assertThat(settings.get(Topics.USER_ID, "--user-id", null)).isEqualTo("from-file");
        assertThat(settings.get(Topics.USER_ID, "--user-id", "from-flag")).isEqualTo("from-flag");
        assertThat(Settings.empty().get(Topics.USER_ID, "--user-id", null)).isEqualTo("pinpipe");
        assertThatThrownBy(() -> settings.get(Topics.USER_ID, "--user-id", "no spaces"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--user-id")
                .hasMessageContaining("'user.id'").hasMessageContaining("no spaces");
    }
}
