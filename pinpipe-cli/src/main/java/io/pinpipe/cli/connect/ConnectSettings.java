package io.pinpipe.cli.connect;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.KafkaCluster;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;

import java.util.List;

/** The settings of the lake sink worker that pinpipe runs ({@code pinpipe up}, {@code pinpipe connect run}). */
public final class ConnectSettings {

    public static final ConfigKey USER_ID = Topics.USER_ID;
    public static final ConfigKey NAME = ConfigKey.of("connect.name", "pinpipe-lake",
            "The connector's name; its consumer group is connect-<name>.");
    public static final ConfigKey STORE = new ConfigKey("connect.store", "local",
            "Where the lake goes: local (the lake folder) or s3.", false,
            value -> value.equals("local") || value.equals("s3"), "local or s3");
    public static final ConfigKey LAKE_DIR = ConfigKey.of("connect.lake.dir", "",
            "The lake folder for connect.store=local. Empty: <data-dir>/lake.");
    public static final ConfigKey TOPICS_DIR = ConfigKey.of("connect.topics.dir", TopicLayout.DEFAULT_TOPICS_DIR,
            "The folder (in S3: the key prefix) under the lake that holds one folder per topic: the sink's"
                    + " topics.dir.");
    public static final ConfigKey S3_BUCKET = ConfigKey.of("connect.s3.bucket.name", "",
            "The bucket for connect.store=s3 (credentials come from the AWS default chain, never from here).");
    public static final ConfigKey S3_REGION = ConfigKey.of("connect.s3.region", "us-east-1", "The bucket's region.");
    public static final ConfigKey STORE_URL = ConfigKey.of("connect.store.url", "",
            "S3 endpoint override (MinIO, S3Proxy...). Empty: AWS.");
    public static final ConfigKey FLUSH_SIZE = ConfigKey.positiveInt("connect.flush.size", 1000,
            "Records per lake file (the course uses 1: one file per record, much slower).");
    public static final ConfigKey ROTATE_INTERVAL_MS = ConfigKey.positiveInt("connect.rotate.interval.ms", 10_000,
            "A file is closed at the latest this long after its first record, so quiet topics reach the lake too.");
    public static final ConfigKey TASKS_MAX = ConfigKey.positiveInt("connect.tasks.max", 1,
            "Connector tasks (the course uses 3; one is plenty on one machine).");
    public static final ConfigKey CONNECTOR_FILE = ConfigKey.of("connect.connector.file", "",
            "A connector properties file to run instead of the settings above, such as the course's Confluent S3"
                    + " sink file; Confluent names are translated and <user-id> is replaced by user.id.");

    public static final List<ConfigKey> ALL = List.of(USER_ID, NAME, STORE, LAKE_DIR, TOPICS_DIR, S3_BUCKET,
            S3_REGION, STORE_URL, FLUSH_SIZE, ROTATE_INTERVAL_MS, TASKS_MAX, CONNECTOR_FILE);

    /** What a worker of {@code connect run} reads: the sink's keys and the cluster it reads from. */
    public static final List<ConfigKey> WORKER = List.of(USER_ID, NAME, STORE, LAKE_DIR, TOPICS_DIR, S3_BUCKET,
            S3_REGION, STORE_URL, FLUSH_SIZE, ROTATE_INTERVAL_MS, TASKS_MAX, CONNECTOR_FILE,
            KafkaCluster.BOOTSTRAP_SERVERS);

    private ConnectSettings() {
    }
}
