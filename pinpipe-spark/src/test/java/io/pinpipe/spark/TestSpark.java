package io.pinpipe.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The test session: local[2], 4 shuffle partitions, no UI, Delta on, UTC. One per test class. */
public final class TestSpark {

    private TestSpark() {
    }

    public static SparkSession start() {
        SparkConf conf = new SparkConf()
                .set("spark.master", "local[2]")
                .set("spark.app.name", "pinpipe-test")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "4")
                .set("spark.default.parallelism", "2")
                .set("spark.ui.enabled", "false");
        return SparkSessions.batch(conf, 4);
    }
}
