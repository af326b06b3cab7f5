package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The job reads an s3a:// lake and writes its tables and results back to S3, against S3Proxy on loopback. */
class S3LakeIT {

    private static final String BUCKET = "pinpipe-lake";

    @TempDir
    static java.nio.file.Path local;

    private static S3Proxy s3Proxy;
    private static BlobStoreContext blobs;
    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        // The current AWS SDK adds checksum trailers S3Proxy does not read; only send them where S3 requires them.
        System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
        System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
        blobs = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
                .build(BlobStoreContext.class);
        BlobStore store = blobs.getBlobStore();
        store.createContainerInLocation(null, BUCKET);
        s3Proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null).build();
        s3Proxy.start();
        while (!"STARTED".equals(s3Proxy.getState())) {
            Thread.sleep(20);
        }
        SparkConf conf = new SparkConf().set("spark.master", "local[2]").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:" + s3Proxy.getPort())
                .set("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
                .set("spark.hadoop.fs.s3a.path.style.access", "true")
                .set("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
                .set("spark.hadoop.fs.s3a.change.detection.version.required", "false")
                .set("spark.hadoop.fs.s3a.aws.credentials.provider",
                        "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
        spark = SparkSessions.batch(conf, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (spark != null) {
            spark.stop();
        }
        if (s3Proxy != null) {
            s3Proxy.stop();
        }
        if (blobs != null) {
            blobs.close();
        }
    }

    @Test
    void aLakeInS3IsCleanedIntoDeltaTablesAndResultsInS3() throws Exception {
        Topics topics = new Topics("s3user");
        TestLake lake = new TestLake(local.resolve("lake"), topics);
        lake.write(SourceTable.PIN, List.of("{\"index\": 3, \"unique_id\": \"u\", \"poster_name\": \"P\","
                + " \"follower_count\": \"12k\", \"category\": \"art\"}", "{\"index\": 3, \"unique_id\": \"u\","
                + " \"poster_name\": \"P\", \"follower_count\": \"12k\", \"category\": \"art\"}"), 0);
        lake.write(SourceTable.GEO, List.of("{\"ind\": 3, \"timestamp\": \"2018-02-03 04:05:06\", \"latitude\": 1.0,"
                + " \"longitude\": 2.0, \"country\": \"Chad\"}", "not json"), 0);
        lake.write(SourceTable.USER, List.of("{\"ind\": 3, \"first_name\": \"Cy\", \"last_name\": \"Do\", \"age\": 30,"
                + " \"date_joined\": \"2016-02-03T04:05:06\"}"), 0);
        String base = "s3a://" + BUCKET;
        FileSystem s3 = FileSystem.get(URI.create(base), spark.sparkContext().hadoopConfiguration());
        s3.copyFromLocalFile(new Path(local.resolve("lake").toUri()), new Path(base + "/pipe/lake"));

        BatchOptions options = BatchOptions.parse("--lake", base + "/pipe/lake", "--user-id", "s3user");
        assertThat(options.warehouse()).isEqualTo(base + "/pipe/warehouse");
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        BatchJob.Summary summary = new BatchJob(spark, options, new Progress(out, BatchJob.STEPS),
                Clock.systemUTC()).run();

        assertThat(summary.quality()).extracting(TableQuality::distinctRows).containsExactly(1L, 1L, 1L);
        assertThat(summary.quality().get(0).duplicatesRemoved()).isEqualTo(1);
        assertThat(summary.quality().get(1).quarantined()).isEqualTo(1);
        assertThat(summary.quality().get(1).filesRead()).isEqualTo(1);
        assertThat(s3.exists(new Path(base + "/pipe/warehouse/pin/_delta_log"))).isTrue();
        try (InputStream csv = s3.open(new Path(base + "/pipe/results/q1_popular_category_by_country.csv"))) {
            assertThat(new String(csv.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("country,category,category_count\nChad,art,1\n");
        }
        assertThat(s3.exists(new Path(base + "/pipe/results/report.html"))).isTrue();
        assertThat(Files.exists(local.resolve("warehouse"))).isFalse();
        assertThat(Optional.ofNullable(summary.report())).contains(base + "/pipe/results/report.html");
    }
}
