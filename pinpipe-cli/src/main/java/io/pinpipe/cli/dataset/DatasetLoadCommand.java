package io.pinpipe.cli.dataset;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.console.Progress;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;
import io.pinpipe.emulator.dataset.DatasetGenerator;
import io.pinpipe.emulator.source.DefaultDataset;
import io.pinpipe.emulator.source.GeneratedFeed;
import io.pinpipe.emulator.source.LoadSummary;
import io.pinpipe.emulator.source.RecordFeed;
import io.pinpipe.emulator.source.SourceDatabase;
import io.pinpipe.emulator.source.SourceLoader;
import io.pinpipe.emulator.source.SourceSettings;
import io.pinpipe.emulator.source.TableFile;
import io.pinpipe.emulator.source.TableFileFeed;
import io.pinpipe.emulator.source.TableFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pinpipe dataset load}: table files (or generated rows) into the source database. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load the source tables (pinterest_data, geolocation_data, user_data) into the source database,"
                + " creating them when missing.",
                "Default input: the files of <data-dir>/dataset/; without any, the generated default dataset (seed "
                        + DefaultDataset.SEED + ", " + DefaultDataset.ROWS + " rows).",
                "Rows whose key is already in a table are skipped, so loading twice never duplicates rows;"
                        + " --replace empties the tables first."})
public final class DatasetLoadCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--from", paramLabel = "DIR|FILE", arity = "1..*",
            description = "A folder holding <table>.jsonl or <table>.csv files, or table files themselves.")
    private List<Path> from = new ArrayList<>();

    @Option(names = "--format", paramLabel = "jsonl|csv",
            description = "The format of the files (default: from each file's extension).")
    private TableFormat format;

    @Option(names = "--generate", description = "Load generated rows instead of files.")
    private boolean generate;

    @Option(names = "--rows", paramLabel = "N",
            description = "Rows to generate with --generate (default: ${DEFAULT-VALUE}).")
    private long rows = DefaultDataset.ROWS;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the generator (default: ${DEFAULT-VALUE}).")
    private long seed = DefaultDataset.SEED;

    @Option(names = "--replace", description = "Empty the tables being loaded first.")
    private boolean replace;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Rows per insert batch and transaction (default: ${DEFAULT-VALUE}).")
    private int batchSize = SourceLoader.DEFAULT_BATCH_SIZE;

    @Option(names = "--source", paramLabel = "JDBC-URL",
            description = "The source database (default: source.url from the config, else the H2 file under"
                    + " <data-dir>/source/).")
    private String sourceUrl;

    @Override
    public Integer call() {
        if (generate && !from.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give either --from or --generate, not both");
        }
        if (rows < 1 || batchSize < 1 || batchSize > 100_000) {
            throw new ParameterException(spec.commandLine(), "--rows must be at least 1 and --batch-size 1-100000");
        }
        PinpipeCommand root = PinpipeCommand.of(spec);
        Path dataDir = root.dataDir();
        Settings settings = root.settings(keys());
        SourceDatabase database = SourceSettings.database(settings, dataDir, sourceUrl);
        Input input = input(dataDir);
        spec.commandLine().getOut().println("loading " + input.description() + " into " + database.redactedUrl());
        LoadSummary summary;
        try (RecordFeed feed = input.feed();
             Progress bar = Progress.counting("load", input.records(), "records")) {
            summary = new SourceLoader(database, batchSize, bar::stepBy).load(feed, replace);
        }
        spec.commandLine().getOut().println(summary.describe());
        return 0;
    }

    private Input input(Path dataDir) {
        if (generate) {
            return generated(rows, seed);
        }
        if (from.isEmpty()) {
            List<TableFile> files = DefaultDataset.files(dataDir);
            return files.isEmpty() ? generated(DefaultDataset.ROWS, DefaultDataset.SEED) : files(files);
        }
        List<TableFile> files = new ArrayList<>();
        for (Path path : from) {
            if (Files.isDirectory(path)) {
                List<TableFile> found = TableFile.inFolder(path, format);
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("folder " + path + " holds no pinterest_data, geolocation_data"
                            + " or user_data " + (format == null ? ".jsonl/.csv" : format.extension()) + " file");
                }
                files.addAll(found);
            } else {
                files.add(TableFile.of(path, format));
            }
        }
        return files(files);
    }

    private static Input generated(long rows, long seed) {
        return new Input("generated dataset (seed " + seed + ", " + rows + " rows)", rows * 3,
                () -> new GeneratedFeed(new DatasetGenerator(seed, rows).rows()));
    }

    private static Input files(List<TableFile> files) {
        long lines = files.stream().mapToLong(TableFile::countLines).sum();
        return new Input(files.size() + " file(s): " + files.stream().map(file -> file.path().toString()).toList(),
                lines, () -> new TableFileFeed(files));
    }

    private static List<ConfigKey> keys() {
        return SourceSettings.KEYS;
    }

    /** Where rows come from, for the first line, the progress bar and the loader. */
    private record Input(String description, long records, java.util.function.Supplier<RecordFeed> feeds) {
        RecordFeed feed() {
            return feeds.get();
        }
    }
}
