package io.pinpipe.cli.batch;

import io.pinpipe.common.DataFolder;
import io.pinpipe.common.process.ChildProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The command line of the child JVM that runs a Spark job: Spark must not share the CLI's class path (it clashes
 * with the Kafka and Connect side), so {@code pinpipe batch} and {@code pinpipe stream} start {@code java} on the
 * spark module's own jars. The job is a {@link ChildProcess}: it dies with the CLI, however the CLI dies.
 */
public final class SparkJvm {

    /** The job's main class in pinpipe-spark. */
    static final String MAIN_CLASS = "io.pinpipe.spark.BatchMain";

    /** What Spark 4 needs opened on Java 17 (the list of Spark's {@code JavaModuleOptions}). */
    public static final List<String> ADD_OPENS = List.of(
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

    /** How long the job's last error lines may take to arrive after its output closed (it is exiting). */
    private static final Duration ERRORS_DRAIN = Duration.ofSeconds(30);
    /** How long a stopped job may take to end its micro-batch or step before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private SparkJvm() {
    }

    /** The pinpipe home (repository root): {@code -Dpinpipe.home} (the launcher sets it), else the working folder. */
    public static Path home() {
        String home = System.getProperty("pinpipe.home");
        return Path.of(home != null && !home.isBlank() ? home : "").toAbsolutePath();
    }

    /**
     * The log file of a Spark job run for a data folder, {@code <data-dir>/logs/<job>.log}: Spark's, Delta's and
     * Kafka's warnings go there, not to the console (only errors are printed). The folder is created here.
     */
    public static Path logFile(Path dataDir, String job) {
        Path folder = new DataFolder(dataDir).logs();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log folder " + folder, e);
        }
        return folder.resolve(job + ".log");
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
     * @param logFile    where the libraries' log goes (appended), e.g. {@link #logFile(Path, String)}
     * @throws IllegalArgumentException when the spark module has not been built
     */
    static List<String> command(Path home, String memory, String master, List<String> jobOptions, Path logFile) {
        return command(home, memory, master, MAIN_CLASS, jobOptions, logFile);
    }

    /**
     * As {@link #command(Path, String, String, List, Path)} with another main: a class on the spark module's class
     * path, or a single-file source program ({@code Tool.java}), e.g. a test's reader of the Delta tables. A main
     * class runs behind {@link io.pinpipe.common.process.ParentWatch}; a source program (which {@code java} must be
     * given first) does not.
     */
    public static List<String> command(Path home, String memory, String master, String main, List<String> args,
                                       Path logFile) {
        Path target = moduleTarget(home);
        Path jar = target.resolve("pinpipe-spark.jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalArgumentException("the Spark job is not built (" + jar + " and " + lib + " are"
                    + " needed); run ./pinpipe, which builds it, or mvn -DskipTests package in " + home);
        }
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + memory);
        options.addAll(ADD_OPENS);
        options.add("-Dspark.master=" + master);
        if (master.startsWith("local") || master.startsWith("spark://127.0.0.1:")) {
            // One machine: the driver listens on loopback only, never on the host's network address.
            options.add("-Dspark.driver.host=127.0.0.1");
            options.add("-Dspark.driver.bindAddress=127.0.0.1");
        }
        if (master.startsWith("spark://")) {
            // Executors on a standalone cluster have Spark's jars but not the job's: they fetch it from the driver.
            options.add("-Dspark.jars=" + jar.toAbsolutePath());
        }
        options.add("-Dlog4j2.configurationFile=classpath:io/pinpipe/spark/log4j2-batch.properties");
        options.add("-Dpinpipe.log.file=" + logFile.toAbsolutePath());
        String classPath = jar + java.io.File.pathSeparator + lib.resolve("*");
        if (main.endsWith(".java")) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(options);
            command.addAll(List.of("-cp", classPath, main));
            command.addAll(args);
            return command;
        }
        return ChildProcess.javaCommand(options, classPath, main, args);
    }

    /**
     * Starts the job's JVM with its standard input closed; read its output and errors with {@link #forEachLine}. A
     * stop of the CLI (Ctrl-C, SIGTERM) stops the job gracefully first; close the returned process on every other
     * way out.
     */
    public static ChildProcess start(List<String> command, String job, Path logFile) throws IOException {
        Files.writeString(logFile, header(command, job, Instant.now()), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ChildProcess child = ChildProcess.start(new ProcessBuilder(command), job, STOP_GRACE);
        child.process().getOutputStream().close();
        return child;
    }

    /**
     * The line a run starts with in the job's log, so that a reader knows which run wrote what follows and with
     * which heap and master it ran, e.g. {@code 2026-12-05T04:40:00Z pinpipe starts the Spark job: -Xmx2g
     * -Dspark.master=local[*]} (no argument of the job: they may name a secured cluster's settings file).
     */
    static String header(List<String> command, String job, Instant now) {
        String settings = command.stream().filter(arg -> arg.startsWith("-Xmx") || arg.startsWith("-Dspark.master="))
                .collect(Collectors.joining(" "));
        return now.truncatedTo(ChronoUnit.SECONDS) + " pinpipe starts the " + job + ": " + settings
                + System.lineSeparator();
    }

    /**
     * Hands every line the job prints to {@code line} until the job closes its output, and prints its standard
     * error (the errors its log lets through) to ours line by line, so that neither lands in the middle of a
     * progress bar. If the output is lost, the job is stopped: nobody would see what it does.
     *
     * @param job the job's name for the error, e.g. {@code Spark job}
     */
    public static void forEachLine(Process process, String job, Consumer<String> line) {
        Thread errors = new Thread(() -> {
            try {
                copyLines(process.getErrorStream(), System.err::println);
            } catch (IOException e) {
                // The job is gone: there is nothing more to print.
            }
        }, "pinpipe-" + job.replace(' ', '-') + "-stderr");
        errors.setDaemon(true);
        errors.start();
        try {
            copyLines(process.getInputStream(), line);
            errors.join(ERRORS_DRAIN.toMillis());
        } catch (IOException e) {
            process.destroy();
            throw new UncheckedIOException("lost the " + job + "'s output", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copyLines(InputStream from, Consumer<String> line) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            String next;
            while ((next = lines.readLine()) != null) {
                line.accept(next);
            }
        }
    }
}
