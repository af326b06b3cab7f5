import org.apache.spark.sql.SparkSession;

/**
 * The baseline of benchmarks/batch-scale.sh: a Spark JVM (same heap, same class path, same local master as
 * pinpipe batch) that reads every line of a lake once and counts them, the floor any Spark job over the lake pays,
 * start-up included. Benchmark use only.
 * Usage: java -cp 'pinpipe-spark/target/pinpipe-spark.jar:pinpipe-spark/target/lib/*' benchmarks/LakeLineCount.java
 *        LAKE_DIR
 */
public final class LakeLineCount {

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[*]").appName("lake line count")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        try {
            long lines = spark.read().text(args[0] + "/topics/*/*/*.json").count();
            System.out.println("lines " + lines);
        } finally {
            spark.stop();
        }
    }
}
