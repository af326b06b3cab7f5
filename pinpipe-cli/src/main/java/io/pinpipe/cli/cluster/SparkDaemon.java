package io.pinpipe.cli.cluster;

import io.pinpipe.cli.batch.SparkJvm;
import io.pinpipe.common.process.ChildProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Spark standalone daemons of the local cluster (the master, the workers), each in its own JVM, from the Spark
 * jars the project already has ({@code pinpipe-spark/target/lib}), bound to 127.0.0.1; output in {@code <name>.log}.
 *
 * <p>A worker starts executors with {@code $SPARK_HOME/jars/*} as their class path, so the daemons get a
 * {@code SPARK_HOME} whose {@code jars} is a link to that folder; the job's own jar reaches the executors through
 * {@code spark.jars} (see {@link SparkJvm}).
 */
final class SparkDaemon {

    static final String HEAP = "256m";
    /** What a master logs once it takes workers and applications. */
    static final String MASTER_READY = "I have been elected leader";
    /** What a worker logs once the master knows it. */
    static final String WORKER_READY = "Successfully registered with master";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private SparkDaemon() {
    }

    /** The master on {@code port}, its web UI on {@code webPort}; not waited for. */
    static LoggedJvm master(Path pinpipeHome, Path folder, int port, int webPort) throws IOException {
        return launch(pinpipeHome, folder, "master", "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port",
                        Integer.toString(webPort)), masterUrl(port) + " (web UI http://127.0.0.1:" + webPort + ")");
    }

    /** A worker offering {@code cores} cores and {@code memory} to executors, registered with the master; not waited for. */
    static LoggedJvm worker(Path pinpipeHome, Path folder, String name, int masterPort, int cores, String memory)
            throws IOException {
        Path workDir = Files.createDirectories(folder.resolve(name + "-work"));
        return launch(pinpipeHome, folder, name, "org.apache.spark.deploy.worker.Worker",
                List.of("--host", "127.0.0.1", "--webui-port", "0", "--cores", Integer.toString(cores), "--memory",
                        memory, "--work-dir", workDir.toString(), masterUrl(masterPort)),
                name + " of " + masterUrl(masterPort) + ": " + cores + " core, " + memory + " for executors");
    }

    static String masterUrl(int port) {
        return "spark://127.0.0.1:" + port;
    }

    private static LoggedJvm launch(Path pinpipeHome, Path folder, String name, String mainClass, List<String> args,
                                    String endpoint) throws IOException {
        Path lib = pinpipeHome.resolve("pinpipe-spark/target/lib").toAbsolutePath();
        if (!Files.isDirectory(lib)) {
            throw new IllegalArgumentException("the Spark jars are not built (" + lib + " is needed); run ./pinpipe,"
                    + " which builds them, or mvn -DskipTests package in " + pinpipeHome);
        }
        List<String> options = new ArrayList<>(List.of("-Xmx" + HEAP, "-XX:+UseSerialGC"));
        options.addAll(SparkJvm.ADD_OPENS);
        ProcessBuilder builder = new ProcessBuilder(ChildProcess.javaCommand(options, lib.resolve("*").toString(),
                mainClass, args));
        // SPARK_SCALA_VERSION: else the worker's launcher looks for Spark's own build folders to guess it.
        builder.environment().putAll(Map.of("SPARK_HOME", sparkHome(folder, lib).toString(),
                "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1",
                "JAVA_HOME", System.getProperty("java.home")));
        return LoggedJvm.start(builder, folder.resolve(name + ".log"), "Spark " + name, endpoint, STOP_GRACE);
    }

    /**
     * A Spark home as a worker expects of a Spark install: {@code jars} links to the project's Spark jars, and a
     * {@code RELEASE} file tells the launcher to look there rather than in Spark's own build folders.
     */
    private static Path sparkHome(Path folder, Path lib) throws IOException {
        Path home = Files.createDirectories(folder.resolve("spark-home"));
        Path jars = home.resolve("jars");
        if (!Files.exists(jars, LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(jars, lib);
        }
        Path release = home.resolve("RELEASE");
        if (!Files.exists(release)) {
            Files.writeString(release, "Spark jars of pinpipe-spark/target/lib (not a Spark distribution)\n");
        }
        return home;
    }
}
