package io.pinpipe.connect;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LakeSinkConfigTest {

    @Test
    void defaultsAreTheConfluentLayoutInALocalFolder() {
        LakeSinkConfig config = new LakeSinkConfig(Map.of("local.dir", "/tmp/lake"));

        assertThat(config.isS3()).isFalse();
        assertThat(config.partitioner()).isEqualTo("default");
        assertThat(config.getInt(LakeSinkConfig.PAD_WIDTH)).isEqualTo(10);
        assertThat(config.layout().objectName("a.pin", 0, 7)).isEqualTo("topics/a.pin/partition=0/a.pin+0+0000000007.json");
    }

    @Test
    void s3StoreWithoutBucketIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> new LakeSinkConfig(Map.of("store", "s3")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3.bucket.name is required");
    }

    @Test
    void localStoreWithoutFolderIsRejected() {
        assertThatThrownBy(() -> new LakeSinkConfig(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("local.dir is required");
    }

    @Test
    void timePartitionerNeedsPathFormatAndDuration() {
        assertThatThrownBy(() -> new LakeSinkConfig(Map.of("local.dir", "/l", "partitioner.class", "time")))
                .hasMessageContaining("path.format is required").hasMessageContaining("partition.duration.ms");
    }

    @Test
    void flushSizeBelowOneIsRejected() {
        assertThatThrownBy(() -> new LakeSinkConfig(Map.of("local.dir", "/l", "flush.size", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("flush.size");
    }

    @Test
    void conditionalWritesOtherThanAutoOnOrOffAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> new LakeSinkConfig(Map.of("store", "s3", "s3.bucket.name", "b",
                "s3.conditional.writes", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("s3.conditional.writes");
    }

    @Test
    void formatsOtherThanJsonAreRejectedWithTheSupportedValues() {
        assertThatThrownBy(() -> new LakeSinkConfig(Map.of("local.dir", "/l",
                "format.class", "io.confluent.connect.s3.format.avro.AvroFormat")))
                .hasMessageContaining("JSON Lines only");
    }

    @Test
    void unknownTimeZoneIsRejected() {
        assertThatThrownBy(() -> new LakeSinkConfig(Map.of("local.dir", "/l", "timezone", "Mars/Olympus")))
                .hasMessageContaining("time zone");
    }

    @Test
    void confluentClassNamesAreAcceptedAndTheDailyPartitionerBringsItsPath() {
        LakeSinkConfig config = new LakeSinkConfig(Map.of(
                "storage.class", "io.confluent.connect.s3.storage.S3Storage", "s3.bucket.name", "b",
                "format.class", "io.confluent.connect.s3.format.json.JsonFormat",
                "partitioner.class", "io.confluent.connect.storage.partitioner.DailyPartitioner"));

        assertThat(config.isS3()).isTrue();
        assertThat(config.partitioner()).isEqualTo("time");
        assertThat(config.getString(LakeSinkConfig.PATH_FORMAT)).isEqualTo("'year'=YYYY/'month'=MM/'day'=dd");
    }

    @Test
    void connectorValidationPutsCrossFieldErrorsOnTheKeyTheyConcern() {
        Map<String, String> props = new HashMap<>(Map.of("connector.class", LakeSinkConnector.class.getName(),
                "store", "s3"));

        Config result = new LakeSinkConnector().validate(props);

        ConfigValue bucket = result.configValues().stream().filter(v -> v.name().equals("s3.bucket.name"))
                .findFirst().orElseThrow();
        assertThat(bucket.errorMessages()).singleElement().asString().contains("required when store=s3");
    }

    @Test
    void courseConnectorFileTranslatesToAValidPinpipeConfig() {
        Map<String, String> course = Map.ofEntries(
                Map.entry("connector.class", "io.confluent.connect.s3.S3SinkConnector"),
                Map.entry("s3.region", "us-east-1"), Map.entry("flush.size", "1"),
                Map.entry("schema.compatibility", "NONE"), Map.entry("tasks.max", "3"),
                Map.entry("topics.regex", "12c0d092d679.*"),
                Map.entry("format.class", "io.confluent.connect.s3.format.json.JsonFormat"),
                Map.entry("partitioner.class", "io.confluent.connect.storage.partitioner.DefaultPartitioner"),
                Map.entry("value.converter.schemas.enable", "false"),
                Map.entry("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
                Map.entry("storage.class", "io.confluent.connect.s3.storage.S3Storage"),
                Map.entry("key.converter", "org.apache.kafka.connect.storage.StringConverter"),
                Map.entry("s3.bucket.name", "user-12c0d092d679-bucket"));

        ConfluentNames.Translation translation = ConfluentNames.translate(course);

        assertThat(translation.props()).containsEntry("connector.class", LakeSinkConnector.class.getName())
                .containsEntry("format.class", "json").containsEntry("partitioner.class", "default")
                .containsEntry("store", "s3").doesNotContainKey("storage.class");
        assertThat(translation.notes()).hasSize(5);
        assertThat(new LakeSinkConfig(translation.props()).isS3()).isTrue();
    }
}
