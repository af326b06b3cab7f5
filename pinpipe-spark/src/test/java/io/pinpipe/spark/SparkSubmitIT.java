package io.pinpipe.spark;

import io.pinpipe.common.SourceTable;
import io.pinpipe.common.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded job jar runs under {@code spark-submit}: {@code org.apache.spark.deploy.SparkSubmit} (the class behind
 * the script) in a child JVM whose class path is Spark alone, no Delta and no pinpipe classes, as on a cluster.
 */
class SparkSubmitIT {

    @TempDir
    Path root;

    @Test
    void theJobJarRunsUnderSparkSubmitOnALake() throws Exception {
        Path jar = Path.of("target", "pinpipe-spark-job.jar").toAbsolutePath();
        assertThat(jar).as("mvn package builds the job jar").isRegularFile();
        Topics topics = new Topics("submit");
        TestLake lake = new TestLake(root.resolve("lake"), topics);
        lake.write(SourceTable.PIN, List.of("{\"index\": 7, \"unique_id\": \"u\", \"title\": \"T\","
                + " \"poster_name\": \"P\", \"follower_count\": \"1M\", \"category\": \"travel\","
                + " \"save_location\": \"Local save in /data/travel\"}"), 0);
        lake.write(SourceTable.GEO, List.of("{\"ind\": 7, \"timestamp\": \"2019-04-05T06:07:08\", \"latitude\": 1.5,"
                + " \"longitude\": -2.5, \"country\": \"Peru\"}"), 0);
        lake.write(SourceTable.USER, List.of("{\"ind\": 7, \"first_name\": \"Al\", \"last_name\": \"Bo\", \"age\": 52,"
                + " \"date_joined\": \"2015-11-12 13:14:15\"}"), 0);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-Duser.timezone=UTC");
        command.addAll(addOpens());
        command.addAll(List.of("-cp", sparkOnlyClassPath(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[2]", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--class", "io.pinpipe.spark.BatchMain", jar.toString(),
                "--lake", root.resolve("lake").toString(), "--user-id", "submit", "--shuffle-partitions", "2"));
        Path log = root.resolve("submit.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("pinpipe batch: done", "[pinpipe] step 13/13");
        assertThat(root.resolve("warehouse/geo/_delta_log")).isDirectory();
        assertThat(root.resolve("results/q3_top_poster_by_country.csv")).content(StandardCharsets.UTF_8)
                .isEqualTo("country,poster_name,follower_count\nPeru,P,1000000\n");
        assertThat(root.resolve("results/report.html")).isRegularFile();
    }

    /** This JVM's class path without pinpipe's own classes and without Delta: what a Spark cluster provides. */
    private static String sparkOnlyClassPath() {
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        String project = Path.of("").toAbsolutePath().toString();
        return String.join(File.pathSeparator, Arrays.stream(entries)
                .filter(entry -> !entry.contains("/io/delta/") && !entry.contains("/io/pinpipe/")
                        && !Path.of(entry).toAbsolutePath().startsWith(project)
                        && !entry.contains("s3proxy") && !entry.contains("junit"))
                .toList());
    }

    private static List<String> addOpens() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(arg -> arg.startsWith("--add-opens") || arg.startsWith("-Djdk.reflect")
                        || arg.startsWith("-Dio.netty") || arg.startsWith("-XX:+IgnoreUnrecognized"))
                .toList();
    }
}
