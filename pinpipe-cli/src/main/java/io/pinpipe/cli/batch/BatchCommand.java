package io.pinpipe.cli.batch;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code pinpipe batch}: the daily Spark batch on this machine. Starts the job ({@code io.pinpipe.spark.BatchMain})
 * in a child JVM on the spark module's class path, shows its steps as a progress bar, passes its output through and
 * returns its exit code.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = {"Read the lake, clean it into Delta tables, answer the eight questions and write the report.",
                "Runs Spark locally in its own JVM; the same job runs on a cluster with spark-submit (docs/batch.md)."})
public final class BatchCommand implements Callable<Integer> {

    /** Settings this command reads from the config file or the environment. */
    public static final ConfigKey USER_ID = ConfigKey.of("user.id", "pinpipe",
            "The user id naming the topics <id>.pin, <id>.geo, <id>.user.");
    public static final ConfigKey MEMORY = ConfigKey.of("batch.memory", "2g",
            "Heap of the local Spark JVM (-Xmx), e.g. 4g.");

    @Spec
    private CommandSpec spec;

    @Option(names = "--lake", paramLabel = "DIR|s3a://BUCKET/PREFIX",
            description = "The lake to read. Default: <data-dir>/lake.")
    private String lake;

    @Option(names = "--user-id", paramLabel = "ID",
            description = "Topics <id>.pin|geo|user. Default: setting user.id, or 'pinpipe'.")
    private String userId;

    @Option(names = "--warehouse", paramLabel = "DIR|s3a://...",
            description = "Where the Delta tables go. Default: <data-dir>/warehouse.")
    private String warehouse;

    @Option(names = "--results", paramLabel = "DIR|s3a://...",
            description = "Where the CSV/JSON results and report.html go. Default: <data-dir>/results.")
    private String results;

    @Option(names = "--since", paramLabel = "YYYY-MM-DD",
            description = "Read only lake files written on or after this day (UTC).")
    private LocalDate since;

    @Option(names = "--until", paramLabel = "YYYY-MM-DD",
            description = "Read only lake files written before this day (UTC).")
    private LocalDate until;

    @Option(names = "--extended-placeholders",
            description = "Also null 'No description available', 'Untitled' and empty titles/descriptions.")
    private boolean extendedPlaceholders;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master. Default: ${DEFAULT-VALUE}.")
    private String master;

    @Option(names = "--memory", paramLabel = "SIZE",
            description = "Heap of the Spark JVM. Default: setting batch.memory, or 2g.")
    private String memory;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PinpipeCommand root = PinpipeCommand.of(spec);
        Path dataDir = root.dataDir();
        Settings settings = root.settings(List.of(USER_ID, MEMORY));
        List<String> command = SparkJvm.command(home(), memory != null ? memory : settings.get(MEMORY), master,
                jobOptions(dataDir, settings));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        PrintWriter out = spec.commandLine().getOut();
        ProgressBar bar = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Optional<StepLine> step = StepLine.parse(line);
                if (step.isPresent()) {
                    if (bar == null) {
                        bar = new ProgressBarBuilder().setTaskName("batch").setInitialMax(step.get().total())
                                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).build();
                    }
                    bar.stepTo(step.get().step() - 1L);
                    bar.setExtraMessage(shorten(step.get().what()));
                } else {
                    out.println(line);
                    out.flush();
                }
            }
        } catch (IOException e) {
            process.destroy();
            throw new UncheckedIOException("lost the Spark job's output", e);
        } finally {
            if (bar != null) {
                bar.stepTo(bar.getMax());
                bar.close();
            }
        }
        return process.waitFor();
    }

    /** The job's options: explicit ones, else settings, else the data folder's defaults. */
    List<String> jobOptions(Path dataDir, Settings settings) {
        List<String> options = new ArrayList<>();
        add(options, "--lake", lake != null ? lake : dataDir.resolve("lake").toString());
        add(options, "--user-id", userId != null ? userId : settings.get(USER_ID));
        add(options, "--warehouse", warehouse != null ? warehouse : dataDir.resolve("warehouse").toString());
        add(options, "--results", results != null ? results : dataDir.resolve("results").toString());
        if (since != null) {
            add(options, "--since", since.toString());
        }
        if (until != null) {
            add(options, "--until", until.toString());
        }
        if (extendedPlaceholders) {
            add(options, "--extended-placeholders", "true");
        }
        return options;
    }

    private static void add(List<String> options, String flag, String value) {
        options.add(flag);
        options.add(value);
    }

    /** The repository root: {@code -Dpinpipe.home} (the launcher sets it), else the working directory. */
    private static Path home() {
        String home = System.getProperty("pinpipe.home");
        return Path.of(home != null && !home.isBlank() ? home : "").toAbsolutePath();
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
