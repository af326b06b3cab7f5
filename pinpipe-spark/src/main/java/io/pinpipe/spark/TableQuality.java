package io.pinpipe.spark;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run saw of one topic, for the summary and the report's data-quality section.
 *
 * @param topic              the topic read
 * @param filesRead          lake files that held at least one line
 * @param rowsRead           lines read (JSON records and malformed lines)
 * @param quarantinedByReason rows that could not be cleaned, by reason
 * @param duplicatesRemoved  clean rows dropped because another row had the same {@code ind}
 * @param distinctRows       rows left, one per {@code ind}
 * @param inserted           rows the table did not have before this run
 * @param placeholdersNulled placeholder values turned into null, per column
 */
public record TableQuality(String topic, long filesRead, long rowsRead, Map<String, Long> quarantinedByReason,
                           long duplicatesRemoved, long distinctRows, long inserted,
                           Map<String, Long> placeholdersNulled) {

    public TableQuality {
        quarantinedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(quarantinedByReason));
        placeholdersNulled = Collections.unmodifiableMap(new LinkedHashMap<>(placeholdersNulled));
    }

    public long quarantined() {
        return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
