package io.pinpipe.cli.emulate;

import io.pinpipe.cli.DurationConverter;
import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.console.Progress;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;
import io.pinpipe.common.SourceTable;
import io.pinpipe.emulator.post.CourseDraws;
import io.pinpipe.emulator.post.Emulator;
import io.pinpipe.emulator.post.EmulatorOptions;
import io.pinpipe.emulator.post.EmulatorSettings;
import io.pinpipe.emulator.post.EmulatorSummary;
import io.pinpipe.emulator.post.Mode;
import io.pinpipe.emulator.source.DefaultDataset;
import io.pinpipe.emulator.source.KeyRange;
import io.pinpipe.emulator.source.LoadSummary;
import io.pinpipe.emulator.source.RecordFeed;
import io.pinpipe.emulator.source.SourceDatabase;
import io.pinpipe.emulator.source.SourceLoader;
import io.pinpipe.emulator.source.SourceReader;
import io.pinpipe.emulator.source.SourceSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code pinpipe emulate}: the course's user_posting_emulation.py as a load tool. */
@Command(name = "emulate", mixinStandardHelpOptions = true,
        description = {"Post random source rows to the gateway, as the course's user_posting_emulation.py does:"
                + " draw a row number (Python-compatible, seed 100 gives the course's sequence), read that row of"
                + " pinterest_data, geolocation_data and user_data, and send the three records to <id>.pin, <id>.geo"
                + " and <id>.user (REST Proxy v2), or to the streams streaming-<id>-pin|geo|user with --mode stream.",
                "Runs until --count draws or --duration, or until interrupted. Exit code 1 when any record"
                        + " finally failed or is in doubt (sent, and its answer lost)."})
public final class EmulateCommand implements Callable<Integer> {

    private static final Pattern RANGE = Pattern.compile("(\\d+)\\.\\.(\\d+)");

    @Spec
    private CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL", split = ",",
            defaultValue = EmulatorOptions.DEFAULT_GATEWAY_URL,
            description = "The gateway's base URL, or several: requests take them in turn, and go on to the next when"
                    + " one refuses the connection (default: ${DEFAULT-VALUE}).")
    private List<URI> gateways;

    @Option(names = "--stage", paramLabel = "NAME",
            description = "The API stage prefix; empty for none (default: ${DEFAULT-VALUE}).")
    private String stage = EmulatorOptions.DEFAULT_STAGE;

    @Option(names = "--user-id", paramLabel = "ID", description = "The user id of the topic names (default: the"
            + " config's user.id, else pinpipe).")
    private String userId;

    @Option(names = "--mode", paramLabel = "batch|stream",
            description = "batch: REST Proxy v2 topics; stream: the streams API (default: ${DEFAULT-VALUE}).")
    private Mode mode = Mode.BATCH;

    @Option(names = "--count", paramLabel = "N", description = "Draws to make (default: no limit).")
    private long count;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "How long to run, e.g. 30s, 5m (default: no limit).")
    private Duration duration;

    @Option(names = "--rate", paramLabel = "DRAWS/S", description = "Draws per second; 0 = as fast as possible"
            + " (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--concurrency", paramLabel = "N", description = "Requests in flight at most (default:"
            + " ${DEFAULT-VALUE}).")
    private int concurrency = 8;

    @Option(names = "--batch-size", paramLabel = "N", description = "Draws per request; each request carries one"
            + " topic's records (default: ${DEFAULT-VALUE}).")
    private int batchSize = 1;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the draws, as Python's random.seed"
            + " (default: ${DEFAULT-VALUE}, the course's).")
    private long seed = CourseDraws.COURSE_SEED;

    @Option(names = "--max-row", paramLabel = "N", description = "Draw rows 0..N (default: ${DEFAULT-VALUE}, the"
            + " course's randint(0, 11000)).")
    private int maxRow = CourseDraws.COURSE_MAX_ROW;

    @Option(names = "--rows-range", paramLabel = "MIN..MAX|source", description = "Draw rows MIN..MAX instead of"
            + " 0..--max-row; 'source' draws between the smallest and largest key of geolocation_data.")
    private String rowsRange;

    @Option(names = "--attempts", paramLabel = "N", description = "Attempts per record before it counts as failed"
            + " (default: ${DEFAULT-VALUE}).")
    private int attempts = 5;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Sent as x-api-key (default: the config's"
            + " api.key or PINPIPE_API_KEY). Never printed.")
    private String apiKey;

    @Option(names = "--source", paramLabel = "JDBC-URL", description = "The source database (default: source.url"
            + " from the config, else the H2 file under <data-dir>/source/, loaded with the default dataset on"
            + " first use).")
    private String sourceUrl;

    @Override
    public Integer call() throws InterruptedException {
        PinpipeCommand root = PinpipeCommand.of(spec);
        List<ConfigKey> keys = new ArrayList<>(SourceSettings.KEYS);
        keys.addAll(EmulatorSettings.KEYS);
        Settings settings = root.settings(keys);
        EmulatorOptions options = options(settings);
        SourceDatabase database = SourceSettings.database(settings, root.dataDir(), sourceUrl);
        PrintWriter out = spec.commandLine().getOut();
        if (database.isMissingEmbeddedFile()) {
            loadDefaultDataset(database, root, out);
        }
        String stagePath = options.stage().isEmpty() ? "" : "/" + options.stage();
        out.println("emulating against " + String.join(", ", options.gateways().stream()
                .map(gateway -> EmulatorOptions.redacted(gateway) + stagePath).toList()) + " ("
                + options.mode().name().toLowerCase() + ", user id " + options.topics().userId() + ", source "
                + database.redactedUrl() + ")");
        try (SourceReader reader = new SourceReader(database)) {
            if (rowsFromSource()) {
                KeyRange range = reader.keyRange(SourceTable.GEO);
                if (range.isEmpty()) {
                    throw new IllegalArgumentException("--rows-range source: geolocation_data is empty");
                }
                options = options.withRows(range.min(), range.max());
                out.println("drawing rows " + range.min() + ".." + range.max() + " (the source's key range)");
            }
            Progress bar = Progress.counting("emulate", options.count(), "draws");
            EmulatorSummary summary = runStoppable(new Emulator(options, reader, bar::stepTo), bar, out);
            return summary.failedTotal() > 0 || summary.inDoubtTotal() > 0 ? 1 : 0;
        }
    }

    /**
     * Runs the emulator and prints its summary. Ctrl-C (or SIGTERM) stops the drawing; the shutdown hook then waits
     * until in-flight records have settled and the summary is printed, because the JVM halts when its hooks end.
     */
    private static EmulatorSummary runStoppable(Emulator emulator, Progress bar, PrintWriter out)
            throws InterruptedException {
        CountDownLatch printed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            emulator.stop();
            try {
                printed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "emulate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            EmulatorSummary summary;
            try {
                summary = emulator.run();
            } finally {
                bar.close();
            }
            out.println(summary.describe());
            out.flush();
            return summary;
        } finally {
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Stopped by a signal: the hook is running and lets the JVM end now that the summary is out.
            }
        }
    }

    private EmulatorOptions options(Settings settings) {
        int min = 0;
        int max = maxRow;
        if (rowsRange != null && !rowsFromSource()) {
            Matcher matcher = RANGE.matcher(rowsRange.trim());
            if (!matcher.matches()) {
                throw new ParameterException(spec.commandLine(), "--rows-range '" + rowsRange
                        + "' must look like MIN..MAX, e.g. 0..11000");
            }
            try {
                min = Integer.parseInt(matcher.group(1));
                max = Integer.parseInt(matcher.group(2));
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--rows-range '" + rowsRange + "' is too large");
            }
        }
        String key = settings.find(EmulatorSettings.API_KEY, "--api-key", apiKey).orElse(null);
        try {
            return EmulatorOptions.builder()
                    .gateways(gateways).stage(stage)
                    .userId(settings.get(EmulatorSettings.USER_ID, "--user-id", userId)).mode(mode)
                    .count(count).duration(duration).rate(rate).concurrency(concurrency).batchSize(batchSize)
                    .seed(seed).rows(min, max).apiKey(key).maxAttempts(attempts).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private boolean rowsFromSource() {
        return rowsRange != null && rowsRange.trim().equalsIgnoreCase("source");
    }

    private static void loadDefaultDataset(SourceDatabase database, PinpipeCommand root, PrintWriter out) {
        out.println("the source " + database.redactedUrl() + " does not exist yet: loading the default dataset");
        LoadSummary summary;
        try (RecordFeed feed = DefaultDataset.feed(root.dataDir());
             Progress bar = Progress.counting("load", DefaultDataset.ROWS * 3, "records")) {
            summary = new SourceLoader(database, SourceLoader.DEFAULT_BATCH_SIZE, bar::stepBy).load(feed, false);
        }
        out.println(summary.describe());
    }
}
