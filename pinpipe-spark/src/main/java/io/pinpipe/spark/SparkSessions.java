package io.pinpipe.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of pinpipe's jobs: Delta enabled, UTC session time zone (datetimes in the lake carry no zone),
 * and local defaults that a cluster's own configuration overrides.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * A session for the batch job. Settings already in {@code conf} (from {@code spark-submit} or {@code spark.*}
     * system properties) win; otherwise the job runs {@code local[*]} with {@code shufflePartitions} partitions.
     */
    public static SparkSession batch(SparkConf conf, int shufflePartitions) {
        conf.setIfMissing("spark.master", "local[*]");
        conf.setIfMissing("spark.app.name", "pinpipe batch");
        conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
        conf.setIfMissing("spark.sql.session.timeZone", "UTC");
        conf.setIfMissing("spark.ui.enabled", "false");
        // Delta's snapshot state defaults to 50 partitions: far too many for the small logs of a local run.
        conf.setIfMissing("spark.databricks.delta.snapshotPartitions", Integer.toString(shufflePartitions));
        conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        // s3a:// lakes: credentials come from the default AWS chain (environment, profile, instance role), never
        // from pinpipe's files.
        conf.setIfMissing("spark.hadoop.fs.s3a.aws.credentials.provider",
                "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider");
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
