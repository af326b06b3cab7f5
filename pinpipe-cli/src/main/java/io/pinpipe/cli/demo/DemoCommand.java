package io.pinpipe.cli.demo;

import io.pinpipe.cli.Main;
import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.connect.LakeLocation;
import io.pinpipe.cli.stack.LocalStack;
import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code pinpipe demo}: the whole pipeline in one command, on a folder of its own, with every part real. Starts the
 * stack, posts through the REST Proxy API and the streams API, waits until the lake holds every acknowledged record,
 * runs the batch job and the streaming job ({@code --available-now}), prints a reconciliation line per path and
 * stops everything it started.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline once on a fresh folder (<data-dir>/demo, emptied first): start the"
                + " broker, gateway and lake sink, emulate posts through the REST Proxy API and the streams API, wait"
                + " until the lake holds every acknowledged record, run the batch job (Delta tables, the eight"
                + " answers, report.html) and the streaming job (stream tables), print a reconciliation line per"
                + " path and stop everything.",
                "Exit code 1, naming the part, when any part fails."})
public final class DemoCommand implements Callable<Integer> {

    private static final Duration LAKE_TIMEOUT = Duration.ofSeconds(120);

    @Spec
    private CommandSpec spec;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1000",
            description = "Rows to draw and post (three records each). Default: ${DEFAULT-VALUE}.")
    private int count;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, got " + count);
        }
        PinpipeCommand root = PinpipeCommand.of(spec);
        PrintWriter out = spec.commandLine().getOut();
        Path folder = fresh(root.dataFolder().demo());
        Settings settings = Settings.of(Map.of("kafka.port", "0", "connect.rotate.interval.ms", "2000"));
        long started = System.nanoTime();
        out.println("demo: starting the stack in " + folder);
        out.flush();
        Reconciliation counts;
        StreamReconciliation streamed;
        try (LocalStack stack = LocalStack.start(folder, Optional.empty(), settings,
                Map.of("listeners", "http://127.0.0.1:0"), line -> {
                    out.println("  " + line);
                    out.flush();
                })) {
            String[] base = {"--data-dir", folder.toString()};
            step(out, "emulator", Main.run(concat(base, "emulate", "--gateway", stack.gatewayUri().toString(),
                    "--count", Integer.toString(count), "--seed", "100", "--concurrency", "16")));
            step(out, "emulator (streams API)", Main.run(concat(base, "emulate", "--mode", "stream", "--gateway",
                    stack.gatewayUri().toString(), "--count", Integer.toString(count), "--seed", "100",
                    "--concurrency", "16")));
            counts = Reconciliation.await(stack, LakeLocation.of(new DataFolder(folder), settings), LAKE_TIMEOUT);
            out.println("demo: " + counts.describeLanding());
            out.flush();
            if (!counts.lakeHoldsKafka()) {
                throw new IllegalStateException("the lake sink did not land every record within "
                        + LAKE_TIMEOUT.toSeconds() + " s: " + counts.describeLanding());
            }
            step(out, "batch job", Main.run(concat(base, "batch")));
            streamed = StreamReconciliation.of(stack, runStreamJob(out, base, stack), counts.distinct());
        }
        // The books and the timing come after the stack stopped, so they are the last lines of the log.
        long acknowledged = 3L * count;
        out.println("demo: reconciliation: " + counts.describe());
        out.println("demo: stream reconciliation: " + streamed.describe(acknowledged));
        if (!streamed.balances(acknowledged)) {
            throw new IllegalStateException("the streaming job's tables do not balance: "
                    + streamed.describe(acknowledged));
        }
        out.printf("demo: done in %d s; the report is %s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                new DataFolder(folder).report());
        out.flush();
        return 0;
    }

    /** Runs {@code pinpipe stream --available-now} on the stack's broker; returns what it printed. */
    private static String runStreamJob(PrintWriter out, String[] base, LocalStack stack) {
        StringWriter printed = new StringWriter();
        PrintWriter both = new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                out.write(chars, offset, length);
                printed.write(chars, offset, length);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                flush();
            }
        }, true);
        CommandLine stream = Main.commandLine();
        stream.setOut(both);
        step(out, "streaming job", stream.execute(concat(base, "stream", "--available-now", "--bootstrap-servers",
                stack.bootstrapServers())));
        both.flush();
        return printed.toString();
    }

    private static void step(PrintWriter out, String part, int exitCode) {
        if (exitCode != 0) {
            throw new IllegalStateException("the " + part + " failed (exit code " + exitCode + ")");
        }
        out.println("demo: " + part + " ok");
        out.flush();
    }

    private static String[] concat(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Empties the demo's own folder: every demo starts from nothing, so its counts reconcile. */
    private static Path fresh(Path folder) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> paths = Files.walk(folder)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the demo folder " + folder, e);
        }
    }
}
