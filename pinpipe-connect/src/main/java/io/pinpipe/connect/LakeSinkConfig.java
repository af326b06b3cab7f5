package io.pinpipe.connect;

import io.pinpipe.common.TopicLayout;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of the lake sink, declared once: name, type, default, validator and doc. Names follow the Confluent
 * S3 sink so its connector files work; Confluent's class names are accepted where pinpipe has a short name
 * ({@link ConfluentNames}). Parsed once when the connector or a task starts, so a bad value fails before any record
 * is read. {@link #crossFieldErrors()} holds the rules that involve more than one key.
 */
public final class LakeSinkConfig extends AbstractConfig {

    public static final String STORE = "store";
    public static final String STORE_LOCAL = "local";
    public static final String STORE_S3 = "s3";
    public static final String STORAGE_CLASS = "storage.class";
    public static final String LOCAL_DIR = "local.dir";
    public static final String TOPICS_DIR = "topics.dir";
    public static final String FLUSH_SIZE = "flush.size";
    public static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
    public static final String ROTATE_SCHEDULE_INTERVAL_MS = "rotate.schedule.interval.ms";
    public static final String PAD_WIDTH = "filename.offset.zero.pad.width";
    public static final String S3_BUCKET = "s3.bucket.name";
    public static final String S3_REGION = "s3.region";
    public static final String STORE_URL = "store.url";
    public static final String S3_PATH_STYLE = "s3.path.style.access.enabled";
    public static final String S3_PART_SIZE = "s3.part.size";
    public static final String S3_CONDITIONAL_WRITES = "s3.conditional.writes";
    public static final String CONDITIONAL_AUTO = "auto";
    public static final String CONDITIONAL_ON = "on";
    public static final String CONDITIONAL_OFF = "off";
    public static final String FORMAT_CLASS = "format.class";
    public static final String PARTITIONER_CLASS = "partitioner.class";
    public static final String PATH_FORMAT = "path.format";
    public static final String PARTITION_DURATION_MS = "partition.duration.ms";
    public static final String LOCALE = "locale";
    public static final String TIMEZONE = "timezone";
    public static final String TIMESTAMP_EXTRACTOR = "timestamp.extractor";
    public static final String PARTITION_FIELD = "partition.field.name";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String STORE_THREADS = "store.threads";
    public static final String STORE_WAIT_MAX_MS = "store.wait.max.ms";
    public static final String CHECK_IN_PARALLEL = "check.in.parallel";
    public static final String SCHEMA_COMPATIBILITY = "schema.compatibility";

    public static final String FORMAT_JSON = "json";
    public static final String PARTITIONER_DEFAULT = "default";
    public static final String PARTITIONER_TIME = "time";
    public static final String PARTITIONER_FIELD = "field";

    /** 5 MiB: S3's smallest multipart part. */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(STORE, Type.STRING, STORE_LOCAL, ValidString.in(STORE_LOCAL, STORE_S3), Importance.HIGH,
                    "Where the lake lives: 'local' (a folder, the one-machine default) or 's3' (any S3 API).")
            .define(STORAGE_CLASS, Type.STRING, "", Importance.LOW,
                    "Confluent's storage class; io.confluent.connect.s3.storage.S3Storage means store=s3.")
            .define(LOCAL_DIR, Type.STRING, "", Importance.HIGH,
                    "The lake folder for store=local (absolute path); created if missing.")
            .define(TOPICS_DIR, Type.STRING, TopicLayout.DEFAULT_TOPICS_DIR, Importance.MEDIUM,
                    "Top-level folder (or key prefix) under which each topic gets its folder.")
            .define(FLUSH_SIZE, Type.INT, 1000, Range.atLeast(1), Importance.HIGH,
                    "Records per file. A file is written when it holds this many records (or rotation closes it"
                            + " earlier). The course uses 1: one file per record.")
            .define(ROTATE_INTERVAL_MS, Type.LONG, -1L, Range.atLeast(-1), Importance.MEDIUM,
                    "Close a file once its records span this many ms of record time; also closes an idle file"
                            + " this long after its first record's time. -1 disables.")
            .define(ROTATE_SCHEDULE_INTERVAL_MS, Type.LONG, -1L, Range.atLeast(-1), Importance.MEDIUM,
                    "Close open files at wall-clock boundaries of this many ms (in 'timezone'). -1 disables.")
            .define(PAD_WIDTH, Type.INT, TopicLayout.DEFAULT_PAD_WIDTH, Range.between(1, 19), Importance.LOW,
                    "Digits the start offset in a file name is zero-padded to.")
            .define(S3_BUCKET, Type.STRING, "", Importance.HIGH, "The bucket for store=s3.")
            .define(S3_REGION, Type.STRING, "us-east-1", Importance.MEDIUM, "The bucket's AWS region.")
            .define(STORE_URL, Type.STRING, "", Importance.MEDIUM,
                    "S3 endpoint override (MinIO, S3Proxy, Ceph...); empty means AWS.")
            .define(S3_PATH_STYLE, Type.BOOLEAN, false, Importance.LOW,
                    "Address buckets as https://host/bucket (most S3-compatible servers); always on with store.url.")
            .define(S3_PART_SIZE, Type.INT, 25 * 1024 * 1024, Range.between(MIN_PART_SIZE, Integer.MAX_VALUE),
                    Importance.LOW, "Files larger than this are uploaded in parts of this many bytes.")
            .define(S3_CONDITIONAL_WRITES, Type.STRING, CONDITIONAL_AUTO,
                    ValidString.in(CONDITIONAL_AUTO, CONDITIONAL_ON, CONDITIONAL_OFF), Importance.LOW,
                    "How a file is kept from replacing another task's: 'on' sends If-None-Match: * (AWS S3), 'off'"
                            + " checks for the name just before writing (for servers that ignore the header; a racing"
                            + " write can slip in), 'auto' probes the server on the task's first write.")
            .define(FORMAT_CLASS, Type.STRING, FORMAT_JSON, new ConfluentNames.FormatValidator(), Importance.MEDIUM,
                    "File format: 'json' (JSON Lines) or Confluent's JsonFormat class name.")
            .define(PARTITIONER_CLASS, Type.STRING, PARTITIONER_DEFAULT, new ConfluentNames.PartitionerValidator(),
                    Importance.MEDIUM, "Folder layout: 'default' (partition=<p>), 'time' (path.format from the"
                            + " record timestamp) or 'field' (partition.field.name); Confluent class names accepted.")
            .define(PATH_FORMAT, Type.STRING, "", Importance.MEDIUM,
                    "Time partitioner folders, a Joda-style pattern such as 'year'=YYYY/'month'=MM/'day'=dd.")
            .define(PARTITION_DURATION_MS, Type.LONG, -1L, Range.atLeast(-1), Importance.MEDIUM,
                    "Time partitioner: the width of one time folder in ms (86400000 for days).")
            .define(LOCALE, Type.STRING, "en", Importance.LOW, "Time partitioner: locale for path.format.")
            .define(TIMEZONE, Type.STRING, "UTC", new TimezoneValidator(), Importance.LOW,
                    "Time partitioner and schedule rotation: the time zone of folder and rotation boundaries.")
            .define(TIMESTAMP_EXTRACTOR, Type.STRING, "Record", ValidString.in("Record"), Importance.LOW,
                    "Where record time comes from: 'Record' (the Kafka record timestamp). Wall-clock extraction"
                            + " is not offered because it would make file contents depend on when a task ran.")
            .define(PARTITION_FIELD, Type.LIST, "", Importance.MEDIUM,
                    "Field partitioner: the value fields that name the folders (field=value/...).")
            .define(RETRY_BACKOFF_MS, Type.LONG, 1000L, Range.between(10, 600_000), Importance.LOW,
                    "First wait before retrying a store that failed; doubles up to 60 s.")
            .define(STORE_THREADS, Type.INT, 2, Range.between(0, 16), Importance.LOW,
                    "Closed files stored at once on background threads while the task reads on (a partition's"
                            + " files are written at once but published one after the other, in offset order); the"
                            + " task waits when all are busy. 0 stores each file on the task thread.")
            .define(STORE_WAIT_MAX_MS, Type.LONG, 60_000L, Range.between(100, 3_600_000), Importance.LOW,
                    "Longest the task waits for the store at a time (a free store thread, a file being stored, the"
                            + " stores of a partition being closed); then put fails as retriable and the task polls"
                            + " again (close goes on without publishing them). Keep it well below the worker's"
                            + " max.poll.interval.ms (5 min by default): a task that does not poll in time loses its"
                            + " partitions while still writing them.")
            .define(CHECK_IN_PARALLEL, Type.BOOLEAN, true, Importance.LOW,
                    "Check that values are JSON on two threads for batches of 256 records or more (a helper"
                            + " thread takes the first half); false checks on the task thread only.")
            .define(SCHEMA_COMPATIBILITY, Type.STRING, "NONE", Importance.LOW,
                    "Accepted for Confluent compatibility; JSON Lines has no schema to evolve, so it is ignored.");

    /** Parses and checks every rule; a {@link ConfigException} names each broken one. */
    public LakeSinkConfig(Map<String, String> props) {
        this(props, true);
    }

    private LakeSinkConfig(Map<String, String> props, boolean checkCrossField) {
        super(CONFIG_DEF, ConfluentNames.normalize(props));
        if (checkCrossField) {
            Map<String, String> errors = crossFieldErrors();
            if (!errors.isEmpty()) {
                throw new ConfigException(String.join("; ", errors.values()));
            }
        }
    }

    /** Parses the keys one by one only, so that {@link #crossFieldErrors()} can be listed instead of thrown. */
    static LakeSinkConfig keysOnly(Map<String, String> props) {
        return new LakeSinkConfig(props, false);
    }

    /** The rules that involve more than one key: key to message, empty when the config is whole. */
    public Map<String, String> crossFieldErrors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (isS3()) {
            if (getString(S3_BUCKET).isBlank()) {
                errors.put(S3_BUCKET, S3_BUCKET + " is required when " + STORE + "=s3");
            }
        } else if (getString(LOCAL_DIR).isBlank()) {
            errors.put(LOCAL_DIR, LOCAL_DIR + " is required when " + STORE + "=local (or set " + STORE + "=s3)");
        }
        String partitioner = partitioner();
        if (PARTITIONER_TIME.equals(partitioner)) {
            if (getString(PATH_FORMAT).isBlank()) {
                errors.put(PATH_FORMAT, PATH_FORMAT + " is required with the time partitioner");
            }
            if (getLong(PARTITION_DURATION_MS) <= 0) {
                errors.put(PARTITION_DURATION_MS, PARTITION_DURATION_MS + " must be positive with the time partitioner");
            }
        }
        if (PARTITIONER_FIELD.equals(partitioner) && getList(PARTITION_FIELD).isEmpty()) {
            errors.put(PARTITION_FIELD, PARTITION_FIELD + " is required with the field partitioner");
        }
        if (getLong(ROTATE_INTERVAL_MS) == 0) {
            errors.put(ROTATE_INTERVAL_MS, ROTATE_INTERVAL_MS + " must be -1 (off) or positive");
        }
        if (getLong(ROTATE_SCHEDULE_INTERVAL_MS) == 0) {
            errors.put(ROTATE_SCHEDULE_INTERVAL_MS, ROTATE_SCHEDULE_INTERVAL_MS + " must be -1 (off) or positive");
        }
        return errors;
    }

    public boolean isS3() {
        return STORE_S3.equals(getString(STORE));
    }

    public String partitioner() {
        return ConfluentNames.partitionerName(getString(PARTITIONER_CLASS));
    }

    public TopicLayout layout() {
        return new TopicLayout(getString(TOPICS_DIR), getInt(PAD_WIDTH));
    }

    public ZoneId zone() {
        return ZoneId.of(getString(TIMEZONE));
    }

    public Locale locale() {
        return Locale.forLanguageTag(getString(LOCALE).replace('_', '-'));
    }

    /** Accepts any zone id java.time knows ("UTC", "Europe/Paris"). */
    static final class TimezoneValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                ZoneId.of((String) value);
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "not a time zone id (such as UTC or Europe/Paris)");
            }
        }

        @Override
        public String toString() {
            return "a time zone id";
        }
    }
}
