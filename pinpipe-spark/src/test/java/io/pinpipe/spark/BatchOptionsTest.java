package io.pinpipe.spark;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchOptionsTest {

    @Test
    void onlyTheLakeIsRequiredAndOutputsDefaultNextToIt() {
        BatchOptions options = BatchOptions.parse("--lake", "/data/lake/");
        assertThat(options.lake()).isEqualTo("/data/lake");
        assertThat(options.topics().batch(io.pinpipe.common.SourceTable.PIN)).isEqualTo("pinpipe.pin");
        assertThat(options.warehouse()).isEqualTo("/data/warehouse");
        assertThat(options.results()).isEqualTo("/data/results");
        assertThat(options.extendedPlaceholders()).isFalse();
        assertThat(options.since()).isEmpty();
    }

    @Test
    void topicFoldersLieUnderTheSinksDefaultTopicsDirUnlessTopicsDirSaysOtherwise() {
        assertThat(BatchOptions.parse("--lake", "/data/lake").layout().topicDir("pinpipe.pin"))
                .isEqualTo("topics/pinpipe.pin");
        assertThat(BatchOptions.parse("--lake", "/data/lake", "--topics-dir", "landing/").layout()
                .topicDir("pinpipe.pin")).isEqualTo("landing/pinpipe.pin");
    }

    @Test
    void aLakeAtABucketRootKeepsItsOutputsInsideTheBucket() {
        BatchOptions options = BatchOptions.parse("--lake=s3a://bucket");
        assertThat(options.warehouse()).isEqualTo("s3a://bucket/warehouse");
        assertThat(BatchOptions.parse("--lake", "s3a://bucket/pipe/lake").results())
                .isEqualTo("s3a://bucket/pipe/results");
    }

    @Test
    void everyOptionIsParsed() {
        BatchOptions options = BatchOptions.parse("--lake", "l", "--user-id", "12c0d092d679", "--warehouse", "w",
                "--results", "r", "--since", "2024-01-01", "--until", "2024-02-01", "--extended-placeholders",
                "true", "--shuffle-partitions", "3", "--report", "false");
        assertThat(options.topics().userId()).isEqualTo("12c0d092d679");
        assertThat(options.warehouse()).isEqualTo("w");
        assertThat(options.results()).isEqualTo("r");
        assertThat(options.since()).contains(LocalDate.of(2024, 1, 1));
        assertThat(options.until()).contains(LocalDate.of(2024, 2, 1));
        assertThat(options.extendedPlaceholders()).isTrue();
        assertThat(options.shufflePartitions()).isEqualTo(3);
        assertThat(options.report()).isFalse();
    }

    @Test
    void aMissingLakeIsRefused() {
        assertThatThrownBy(BatchOptions::parse).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--lake is required");
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> BatchOptions.parse("--lake", "l", "--colour", "red"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option '--colour'")
                .hasMessageContaining("--user-id");
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> BatchOptions.parse("--lake", "l", "--since", "yesterday"))
                .hasMessageContaining("since");
        assertThatThrownBy(() -> BatchOptions.parse("--lake", "l", "--user-id", "a b"))
                .hasMessageContaining("user.id");
        assertThatThrownBy(() -> BatchOptions.parse("--lake", "l", "--shuffle-partitions", "0"))
                .hasMessageContaining("shuffle.partitions");
        assertThatThrownBy(() -> BatchOptions.parse("--lake", "l", "--since", "2024-02-01", "--until", "2024-01-01"))
                .hasMessageContaining("must be before");
        assertThatThrownBy(() -> BatchOptions.parse("--lake")).hasMessageContaining("needs a value");
    }
}
