package io.pinpipe.spark.stream;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Durations;
import io.pinpipe.common.KafkaCluster;
import io.pinpipe.common.Settings;
import io.pinpipe.common.Topics;
import io.pinpipe.spark.JobArguments;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The streaming job's options, declared once: each is a {@link ConfigKey} and a flag {@code --<flag>} (the key's
 * dots become dashes). Every option except {@code --warehouse} has a default.
 *
 * @param checkpoint where Spark keeps the offsets the tables already hold; never deleted by the job
 * @param trigger    the micro-batch interval; ignored with {@code availableNow}
 * @param kafka      extra settings for the Kafka source (security); {@link KafkaClientConfig#NONE} without a file
 * @param phaseTimes whether to print where each micro-batch's time went ({@link PhaseReporter})
 */
public record StreamOptions(String bootstrapServers, Topics topics, String warehouse, String checkpoint,
                            Duration trigger, boolean availableNow, boolean extendedPlaceholders,
                            int shufflePartitions, long maxRecordsPerBatch, KafkaClientConfig kafka,
                            boolean phaseTimes) {

    public static final ConfigKey BOOTSTRAP_SERVERS = KafkaCluster.BOOTSTRAP_SERVERS;
    public static final ConfigKey KAFKA_CONFIG = ConfigKey.of("kafka.config", null,
            "A Kafka client properties file (as for Kafka's tools' --command-config): security.protocol,"
                    + " sasl.mechanism, sasl.jaas.config, ... for a secured cluster such as MSK with IAM; each goes to"
                    + " the Kafka source as kafka.<name>.");
    public static final ConfigKey USER_ID = Topics.USER_ID;
    public static final ConfigKey WAREHOUSE = ConfigKey.of("warehouse", null,
            "Where the stream's Delta tables go (pin, geo, user, quarantine): a folder or s3a://bucket/prefix.");
    public static final ConfigKey CHECKPOINT = ConfigKey.of("checkpoint", null,
            "The query's checkpoint (offsets already in the tables). Kept across runs, never deleted."
                    + " Default: <warehouse>/../checkpoints/stream.");
    public static final ConfigKey TRIGGER_INTERVAL = new ConfigKey("trigger.interval", "1s",
            "Time between micro-batch starts, e.g. 500ms, 1s, 1m (a batch that takes longer starts the next at"
                    + " once).", false, StreamOptions::isDuration, "a duration like 500ms, 1s or 2m");
    public static final ConfigKey AVAILABLE_NOW = ConfigKey.bool("available.now", false,
            "Process what the topics hold now, then stop (true), or run until stopped (false).");
    public static final ConfigKey EXTENDED_PLACEHOLDERS = ConfigKey.bool("extended.placeholders", false,
            "Also null 'No description available', 'Untitled' and '' (as pinpipe batch does).");
    public static final ConfigKey SHUFFLE_PARTITIONS = ConfigKey.positiveInt("shuffle.partitions", 2,
            "spark.sql.shuffle.partitions unless the Spark configuration sets it (micro-batches are small).");
    public static final ConfigKey MAX_RECORDS_PER_BATCH = new ConfigKey("max.records.per.batch", "0",
            "At most this many records per micro-batch over all topics (0: no limit).", false,
            StreamOptions::isNonNegativeLong, "a whole number, 0 or more");
    public static final ConfigKey PHASE_TIMES = ConfigKey.bool("phase.times", false,
            "Print one more line per micro-batch: the milliseconds of each of its phases (Spark's planning and"
                    + " checkpoint writes, the checks, each table's Parquet write and Delta commit) and its records"
                    + " per table.");

    /** Every option, in the order {@code --help} lists them. */
    public static final List<ConfigKey> KEYS = List.of(BOOTSTRAP_SERVERS, KAFKA_CONFIG, USER_ID, WAREHOUSE, CHECKPOINT,
            TRIGGER_INTERVAL, AVAILABLE_NOW, EXTENDED_PLACEHOLDERS, SHUFFLE_PARTITIONS, MAX_RECORDS_PER_BATCH,
            PHASE_TIMES);

    /** The flag of a key: {@code user.id} → {@code --user-id}. */
    public static String flag(ConfigKey key) {
        return JobArguments.flag(key);
    }

    /**
     * Parses {@code --flag value} pairs (also {@code --flag=value}).
     *
     * @throws IllegalArgumentException naming the flag for an unknown flag, a missing value or an invalid value
     */
    public static StreamOptions parse(String... args) {
        return from(JobArguments.parse("streaming", KEYS, args));
    }

    /** Reads the options from settings, applying defaults and validators. */
    public static StreamOptions from(Settings settings) {
        String warehouse = JobArguments.stripTrailingSlash(settings.find(WAREHOUSE.name()).orElseThrow(() ->
                new IllegalArgumentException("option --warehouse is required (a folder or s3a://bucket/prefix)")));
        JobArguments.validateGiven(settings, KEYS);
        String checkpoint = settings.find(CHECKPOINT.name()).map(JobArguments::stripTrailingSlash)
                .orElse(parentOf(warehouse) + "checkpoints/stream");
        return new StreamOptions(KafkaCluster.bootstrapServers(null, settings), new Topics(settings.get(USER_ID)),
                warehouse, checkpoint, Durations.parse(settings.get(TRIGGER_INTERVAL)),
                settings.getBoolean(AVAILABLE_NOW), settings.getBoolean(EXTENDED_PLACEHOLDERS),
                settings.getInt(SHUFFLE_PARTITIONS),
                Long.parseLong(settings.get(MAX_RECORDS_PER_BATCH).trim()),
                settings.find(KAFKA_CONFIG.name()).map(file -> KafkaClientConfig.read(Path.of(file.trim())))
                        .orElse(KafkaClientConfig.NONE),
                settings.getBoolean(PHASE_TIMES));
    }

    /** One line per option for {@code --help}. */
    public static String usage() {
        return JobArguments.usage("streaming", KEYS);
    }

    /** {@code /data/stream-warehouse} → {@code /data/}; a location without a parent gives the empty string. */
    private static String parentOf(String location) {
        int slash = location.lastIndexOf('/');
        int schemeEnd = location.indexOf("://");
        if (slash < 0 || (schemeEnd >= 0 && slash <= schemeEnd + 2)) {
            return slash < 0 ? "" : location + "/";
        }
        return location.substring(0, slash + 1);
    }

    private static boolean isDuration(String value) {
        try {
            Duration duration = Durations.parse(value);
            return !duration.isNegative() && !duration.isZero();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isNonNegativeLong(String value) {
        try {
            return Long.parseLong(value.trim()) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
