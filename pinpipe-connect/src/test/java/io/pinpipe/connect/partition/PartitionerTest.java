package io.pinpipe.connect.partition;

import io.pinpipe.connect.format.BadRecordException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionerTest {

    private static final String DAILY = "'year'=YYYY/'month'=MM/'day'=dd";

    @Test
    void defaultPartitionerUsesTheKafkaPartition() {
        assertThat(new KafkaPartitionPartitioner().folder(record(3, 0L, "{}"), null)).isEqualTo("partition=3");
    }

    @Test
    void dailyFoldersComeFromTheRecordTimestamp() {
        TimePartitioner partitioner = new TimePartitioner(DAILY, 86_400_000L, Locale.ENGLISH, ZoneId.of("UTC"));

        assertThat(partitioner.folder(record(0, millis("2022-05-01T23:59:59Z"), "{}"), null))
                .isEqualTo("year=2022/month=05/day=01");
    }

    @Test
    void jodaYearIsTheCalendarYearEvenInTheLastDaysOfDecember() {
        TimePartitioner partitioner = new TimePartitioner(DAILY, 86_400_000L, Locale.ENGLISH, ZoneId.of("UTC"));

        // 2024-12-30 is in week 1 of 2025: a week-based year would say 2025.
        assertThat(partitioner.folder(record(0, millis("2024-12-30T10:00:00Z"), "{}"), null))
                .isEqualTo("year=2024/month=12/day=30");
    }

    @Test
    void dayBoundariesFollowTheConfiguredTimeZone() {
        TimePartitioner partitioner = new TimePartitioner(DAILY, 86_400_000L, Locale.ENGLISH,
                ZoneId.of("America/New_York"));

        assertThat(partitioner.folder(record(0, millis("2022-05-02T03:00:00Z"), "{}"), null))
                .isEqualTo("year=2022/month=05/day=01");
    }

    @Test
    void recordWithoutTimestampIsABadRecordForTheTimePartitioner() {
        TimePartitioner partitioner = new TimePartitioner(DAILY, 86_400_000L, Locale.ENGLISH, ZoneId.of("UTC"));

        assertThatThrownBy(() -> partitioner.folder(record(0, null, "{}"), null))
                .isInstanceOf(BadRecordException.class);
    }

    @Test
    void fieldFoldersComeFromTheValueInListedOrder() {
        FieldPartitioner partitioner = new FieldPartitioner(List.of("country", "category"));
        String value = "{\"category\":\"art\",\"country\":\"Chile\"}";

        assertThat(partitioner.folder(record(0, 0L, value), value.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("country=Chile/category=art");
    }

    @Test
    void missingFieldIsABadRecordNamingTheField() {
        FieldPartitioner partitioner = new FieldPartitioner(List.of("country"));

        assertThatThrownBy(() -> partitioner.folder(record(0, 0L, "{}"), "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadRecordException.class).hasMessageContaining("'country'");
    }

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static SinkRecord record(int partition, Long timestamp, String value) {
        return new SinkRecord("t", partition, null, null, null, value, 0, timestamp, TimestampType.CREATE_TIME);
    }
}
