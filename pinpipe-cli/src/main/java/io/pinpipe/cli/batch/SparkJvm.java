package io.pinpipe.cli.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the child JVM that runs a Spark job: Spark must not share the CLI's class path (it clashes
 * with the Kafka and Connect side), so {@code pinpipe batch} and {@code pinpipe stream} start {@code java} on the
 * spark module's own jars.
 */
public final class SparkJvm {

    /** The job's main class in pinpipe-spark. */
    static final String MAIN_CLASS = "io.pinpipe.spark.BatchMain";

    /** What Spark 4 needs opened on Java 17 (the list of Spark's {@code JavaModuleOptions}). */
    static final List<String> ADD_OPENS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private SparkJvm() {
    }

    /** The pinpipe home (repository root): {@code -Dpinpipe.home} (the launcher sets it), else the working folder. */
    public static Path home() {
        String home = System.getProperty("pinpipe.home");
        return Path.of(home != null && !home.isBlank() ? home : "").toAbsolutePath();
    }

    /** The spark module's build output under the pinpipe home (the repository root). */
    static Path moduleTarget(Path home) {
        return home.resolve("pinpipe-spark").resolve("target");
    }

    /**
     * The full command.
     *
     * @param home       the pinpipe home (repository root), where {@code pinpipe-spark/target} is
     * @param memory     the job JVM's heap, e.g. {@code 4g}
     * @param master     the Spark master, e.g. {@code local[*]}
     * @param jobOptions the job's own options ({@code --lake ...})
     * @throws IllegalArgumentException when the spark module has not been built
     */
    static List<String> command(Path home, String memory, String master, List<String> jobOptions) {
        return command(home, memory, master, MAIN_CLASS, jobOptions);
    }

    /**
     * As {@link #command(Path, String, String, List)} with another main: a class on the spark module's class path,
     * or a single-file source program ({@code Tool.java}), e.g. a test's reader of the Delta tables.
     */
    public static List<String> command(Path home, String memory, String master, String main, List<String> args) {
        Path target = moduleTarget(home);
        Path jar = target.resolve("pinpipe-spark.jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalArgumentException("the Spark job is not built (" + jar + " and " + lib + " are"
                    + " needed); run ./pinpipe, which builds it, or mvn -DskipTests package in " + home);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + memory);
        command.addAll(ADD_OPENS);
        command.add("-Dspark.master=" + master);
        if (master.startsWith("local")) {
            // One machine: the driver listens on loopback only, never on the host's network address.
            command.add("-Dspark.driver.host=127.0.0.1");
            command.add("-Dspark.driver.bindAddress=127.0.0.1");
        }
        command.add("-Dlog4j2.configurationFile=classpath:io/pinpipe/spark/log4j2-batch.properties");
        command.add("-cp");
        command.add(jar + java.io.File.pathSeparator + lib.resolve("*"));
        command.add(main);
        command.addAll(args);
        return command;
    }
}
