package io.pinpipe.connect.partition;

import io.pinpipe.connect.format.BadRecordException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Folders from the record timestamp, like Confluent's TimeBasedPartitioner with {@code timestamp.extractor=Record}:
 * the timestamp is floored to {@code partition.duration.ms} in the configured zone, then formatted with
 * {@code path.format}. The pattern is Joda-style as in Confluent's docs; Joda's {@code Y} (year of era) is read as
 * java.time's {@code y}, because java.time's {@code Y} is the week-based year and would misplace the last days of
 * December.
 */
public final class TimePartitioner implements Partitioner {

    private final DateTimeFormatter formatter;
    private final long durationMs;
    private final ZoneId zone;

    public TimePartitioner(String pathFormat, long durationMs, Locale locale, ZoneId zone) {
        this.formatter = DateTimeFormatter.ofPattern(javaPattern(pathFormat), locale).withZone(zone);
        this.durationMs = durationMs;
        this.zone = zone;
    }

    @Override
    public String folder(SinkRecord record, byte[] line) {
        Long timestamp = record.timestamp();
        if (timestamp == null || timestamp < 0) {
            throw new BadRecordException("record has no timestamp for the time partitioner");
        }
        return formatter.format(Instant.ofEpochMilli(floor(timestamp)));
    }

    /** The start of the {@code durationMs} bucket holding {@code timestamp}, buckets aligned to local midnight. */
    long floor(long timestamp) {
        long offsetMs = zone.getRules().getOffset(Instant.ofEpochMilli(timestamp)).getTotalSeconds() * 1000L;
        long local = timestamp + offsetMs;
        return local - Math.floorMod(local, durationMs) - offsetMs;
    }

    static String javaPattern(String joda) {
        StringBuilder result = new StringBuilder(joda.length());
        boolean quoted = false;
        for (char c : joda.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            result.append(!quoted && c == 'Y' ? 'y' : c);
        }
        return result.toString();
    }
}
