package io.pinpipe.connect;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows Confluent S3 sink names and what they mean in pinpipe. The connector accepts Confluent's
 * format, partitioner and storage class names in its own config ({@link #normalize}); a whole Confluent connector
 * file, {@code connector.class} included, is turned into a pinpipe one by {@link #translate}, with a note per change.
 */
public final class ConfluentNames {

    public static final String CONFLUENT_CONNECTOR = "io.confluent.connect.s3.S3SinkConnector";
    public static final String CONFLUENT_JSON_FORMAT = "io.confluent.connect.s3.format.json.JsonFormat";
    public static final String CONFLUENT_S3_STORAGE = "io.confluent.connect.s3.storage.S3Storage";
    private static final String PARTITIONER_PACKAGE = "io.confluent.connect.storage.partitioner.";

    static final String DAILY_PATH = "'year'=YYYY/'month'=MM/'day'=dd";
    static final String HOURLY_PATH = "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH";
    static final long DAY_MS = 86_400_000L;
    static final long HOUR_MS = 3_600_000L;

    private static final Map<String, String> PARTITIONERS = Map.of(
            PARTITIONER_PACKAGE + "DefaultPartitioner", LakeSinkConfig.PARTITIONER_DEFAULT,
            PARTITIONER_PACKAGE + "TimeBasedPartitioner", LakeSinkConfig.PARTITIONER_TIME,
            PARTITIONER_PACKAGE + "DailyPartitioner", LakeSinkConfig.PARTITIONER_TIME,
            PARTITIONER_PACKAGE + "HourlyPartitioner", LakeSinkConfig.PARTITIONER_TIME,
            PARTITIONER_PACKAGE + "FieldPartitioner", LakeSinkConfig.PARTITIONER_FIELD);

    private ConfluentNames() {
    }

    /** pinpipe's short partitioner name for a short name or a Confluent class name; null when unknown. */
    static String partitionerName(String value) {
        String trimmed = value.trim();
        if (List.of(LakeSinkConfig.PARTITIONER_DEFAULT, LakeSinkConfig.PARTITIONER_TIME,
                LakeSinkConfig.PARTITIONER_FIELD).contains(trimmed)) {
            return trimmed;
        }
        return PARTITIONERS.get(trimmed);
    }

    /**
     * Connector settings with Confluent's names replaced by pinpipe's: the storage class picks the store, the daily
     * and hourly partitioners become the time partitioner with their fixed path and duration.
     */
    static Map<String, String> normalize(Map<String, String> props) {
        Map<String, String> result = new LinkedHashMap<>(props);
        if (CONFLUENT_S3_STORAGE.equals(props.get(LakeSinkConfig.STORAGE_CLASS))) {
            result.putIfAbsent(LakeSinkConfig.STORE, LakeSinkConfig.STORE_S3);
        }
        String partitioner = props.getOrDefault(LakeSinkConfig.PARTITIONER_CLASS, "");
        if (partitioner.endsWith(".DailyPartitioner")) {
            result.putIfAbsent(LakeSinkConfig.PATH_FORMAT, DAILY_PATH);
            result.putIfAbsent(LakeSinkConfig.PARTITION_DURATION_MS, Long.toString(DAY_MS));
        } else if (partitioner.endsWith(".HourlyPartitioner")) {
            result.putIfAbsent(LakeSinkConfig.PATH_FORMAT, HOURLY_PATH);
            result.putIfAbsent(LakeSinkConfig.PARTITION_DURATION_MS, Long.toString(HOUR_MS));
        }
        return result;
    }

    /**
     * Turns a Confluent S3 sink connector file (such as the course's) into pinpipe's lake connector settings.
     *
     * @return the settings to submit to a worker and one human-readable note per change made
     */
    public static Translation translate(Map<String, String> confluent) {
        Map<String, String> props = new LinkedHashMap<>(confluent);
        List<String> notes = new ArrayList<>();
        String connectorClass = props.get("connector.class");
        if (CONFLUENT_CONNECTOR.equals(connectorClass)) {
            props.put("connector.class", LakeSinkConnector.class.getName());
            notes.add("connector.class " + CONFLUENT_CONNECTOR + " runs as " + LakeSinkConnector.class.getName()
                    + " (same layout and config names)");
        }
        if (CONFLUENT_JSON_FORMAT.equals(props.get(LakeSinkConfig.FORMAT_CLASS))) {
            props.put(LakeSinkConfig.FORMAT_CLASS, LakeSinkConfig.FORMAT_JSON);
            notes.add("format.class JsonFormat is pinpipe's 'json' (JSON Lines)");
        }
        String partitioner = props.get(LakeSinkConfig.PARTITIONER_CLASS);
        if (partitioner != null && PARTITIONERS.containsKey(partitioner)) {
            props.putAll(normalize(Map.of(LakeSinkConfig.PARTITIONER_CLASS, partitioner)));
            props.put(LakeSinkConfig.PARTITIONER_CLASS, PARTITIONERS.get(partitioner));
            notes.add("partitioner.class " + partitioner.substring(PARTITIONER_PACKAGE.length()) + " is pinpipe's '"
                    + PARTITIONERS.get(partitioner) + "' partitioner");
        }
        if (CONFLUENT_S3_STORAGE.equals(props.remove(LakeSinkConfig.STORAGE_CLASS))) {
            props.put(LakeSinkConfig.STORE, LakeSinkConfig.STORE_S3);
            notes.add("storage.class S3Storage is store=s3");
        }
        if (props.remove(LakeSinkConfig.SCHEMA_COMPATIBILITY) != null) {
            notes.add("schema.compatibility is ignored: JSON Lines files carry no schema");
        }
        return new Translation(props, notes);
    }

    /** A translated connector config and what was changed. */
    public record Translation(Map<String, String> props, List<String> notes) {
    }

    /** Accepts 'json' and Confluent's JsonFormat; names the supported values otherwise. */
    static final class FormatValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            String text = ((String) value).trim();
            if (!LakeSinkConfig.FORMAT_JSON.equals(text) && !CONFLUENT_JSON_FORMAT.equals(text)) {
                throw new ConfigException(name, value, "pinpipe writes JSON Lines only: use 'json' or "
                        + CONFLUENT_JSON_FORMAT);
            }
        }

        @Override
        public String toString() {
            return "json, " + CONFLUENT_JSON_FORMAT;
        }
    }

    /** Accepts pinpipe's partitioner names and the Confluent partitioner classes they stand for. */
    static final class PartitionerValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (partitionerName((String) value) == null) {
                throw new ConfigException(name, value, "expected default, time, field or one of "
                        + PARTITIONERS.keySet().stream().sorted().toList());
            }
        }

        @Override
        public String toString() {
            return "default, time, field (or the Confluent partitioner class)";
        }
    }
}
