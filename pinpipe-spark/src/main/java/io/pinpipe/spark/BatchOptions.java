package io.pinpipe.spark;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The batch job's options, declared once: each is a {@link ConfigKey} and a command-line flag {@code --<flag>}.
 * The job is started the same way locally ({@code pinpipe batch}) and on a cluster ({@code spark-submit ... --lake
 * s3a://...}); every option except {@code --lake} has a default.
 *
 * <p>The date range selects lake <em>files</em> by their modification time (the time the sink wrote them), not
 * records by post timestamp: a daily run then reads only what landed that day, and the cleaned tables (merged on
 * {@code ind}) keep everything earlier runs added.
 */
public record BatchOptions(String lake, TopicLayout layout, Topics topics, String warehouse, String results,
                           Optional<LocalDate> since, Optional<LocalDate> until, boolean extendedPlaceholders,
                           int shufflePartitions, boolean report) {

    public static final ConfigKey LAKE = ConfigKey.of("lake", null,
            "The lake to read: a folder or s3a://bucket/prefix holding topics/<id>.pin|geo|user/.");
    public static final ConfigKey TOPICS_DIR = ConfigKey.of("topics.dir", TopicLayout.DEFAULT_TOPICS_DIR,
            "The folder (in S3: the key prefix) under the lake holding one folder per topic: the sink's topics.dir.");
    public static final ConfigKey USER_ID = Topics.USER_ID;
    public static final ConfigKey WAREHOUSE = ConfigKey.of("warehouse", null,
            "Where the Delta tables go (pin, geo, user, quarantine). Default: <lake>/../warehouse.");
    public static final ConfigKey RESULTS = ConfigKey.of("results", null,
            "Where the eight results (CSV, JSON) and report.html go. Default: <lake>/../results.");
    public static final ConfigKey SINCE = new ConfigKey("since", null,
            "Read only lake files written on or after this day (UTC, YYYY-MM-DD).", false,
            BatchOptions::isDate, "a date YYYY-MM-DD");
    public static final ConfigKey UNTIL = new ConfigKey("until", null,
            "Read only lake files written before this day (UTC, YYYY-MM-DD).", false,
            BatchOptions::isDate, "a date YYYY-MM-DD");
    public static final ConfigKey EXTENDED_PLACEHOLDERS = ConfigKey.bool("extended.placeholders", false,
            "Also null 'No description available', 'Untitled' and '' (the extended placeholder list).");
    public static final ConfigKey SHUFFLE_PARTITIONS = ConfigKey.positiveInt("shuffle.partitions", 8,
            "spark.sql.shuffle.partitions unless the Spark configuration already sets it.");
    public static final ConfigKey REPORT = ConfigKey.bool("report", true, "Write report.html next to the results.");

    /** Every option, in the order {@code --help} lists them. */
    public static final List<ConfigKey> KEYS = List.of(LAKE, TOPICS_DIR, USER_ID, WAREHOUSE, RESULTS, SINCE, UNTIL,
            EXTENDED_PLACEHOLDERS, SHUFFLE_PARTITIONS, REPORT);

    /** The flag of a key: {@code user.id} → {@code --user-id}. */
    public static String flag(ConfigKey key) {
        return JobArguments.flag(key);
    }

    /**
     * Parses {@code --flag value} pairs (also {@code --flag=value}).
     *
     * @throws IllegalArgumentException naming the flag for an unknown flag, a missing value or an invalid value
     */
    public static BatchOptions parse(String... args) {
        return from(JobArguments.parse("batch", KEYS, args));
    }

    /** Reads the options from settings, applying defaults and validators. */
    public static BatchOptions from(Settings settings) {
        String lake = JobArguments.stripTrailingSlash(settings.find(LAKE.name())
                .orElseThrow(() -> new IllegalArgumentException("option --lake is required (a folder or"
                        + " s3a://bucket/prefix)")));
        JobArguments.validateGiven(settings, KEYS);
        Topics topics = new Topics(settings.get(USER_ID));
        String warehouse = settings.find(WAREHOUSE.name()).map(JobArguments::stripTrailingSlash)
                .orElse(sibling(lake, "warehouse"));
        String results = settings.find(RESULTS.name()).map(JobArguments::stripTrailingSlash)
                .orElse(sibling(lake, "results"));
        Optional<LocalDate> since = settings.find(SINCE.name()).map(LocalDate::parse);
        Optional<LocalDate> until = settings.find(UNTIL.name()).map(LocalDate::parse);
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            throw new IllegalArgumentException("--since " + since.get() + " must be before --until " + until.get());
        }
        TopicLayout layout = new TopicLayout(settings.get(TOPICS_DIR), TopicLayout.DEFAULT_PAD_WIDTH);
        return new BatchOptions(lake, layout, topics, warehouse, results, since, until,
                settings.getBoolean(EXTENDED_PLACEHOLDERS), settings.getInt(SHUFFLE_PARTITIONS),
                settings.getBoolean(REPORT));
    }

    /** One line per option for {@code --help}. */
    public static String usage() {
        return JobArguments.usage("batch", KEYS);
    }

    /** {@code /data/lake} → {@code /data/warehouse}; a lake at a bucket root keeps its outputs inside it. */
    static String sibling(String lake, String name) {
        int slash = lake.lastIndexOf('/');
        int schemeEnd = lake.indexOf("://");
        boolean bucketRoot = schemeEnd >= 0 && slash <= schemeEnd + 2;
        if (slash < 0 || bucketRoot) {
            return slash < 0 && schemeEnd < 0 ? name : lake + "/" + name;
        }
        return lake.substring(0, slash + 1) + name;
    }

    private static boolean isDate(String value) {
        try {
            LocalDate.parse(value.trim());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

}
