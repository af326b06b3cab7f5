package io.pinpipe.cli.dataset;

import io.pinpipe.cli.PinpipeCommand;
import io.pinpipe.cli.console.Progress;
import io.pinpipe.common.SourceTable;
import io.pinpipe.emulator.dataset.DatasetFormat;
import io.pinpipe.emulator.dataset.DatasetGenerator;
import io.pinpipe.emulator.dataset.DatasetWriter;
import io.pinpipe.emulator.dataset.SourceRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code pinpipe dataset generate}: writes the three course-like source tables to files. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate the course-like source tables (pinterest_data, geolocation_data, user_data) as"
                + " files: same seed and rows, same bytes.",
                "Reproduces the real dataset's categories, placeholders, formats, skews and repeated posters at any"
                        + " size, in bounded memory."})
public final class GenerateCommand implements Callable<Integer> {

    /** Rows between progress-bar updates: often enough to move, rare enough to cost nothing. */
    private static final int PROGRESS_STEP = 4096;

    @Spec
    private CommandSpec spec;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "" + DatasetGenerator.DEFAULT_ROWS,
            description = "Rows per table, 1.." + DatasetGenerator.MAX_ROWS + " (ids 0..N-1)."
                    + " Default: ${DEFAULT-VALUE}, the size of the course database.")
    private long rows;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the generator (any 64-bit integer). Default: ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the three files (created if missing; files of the same name are replaced)."
                    + " Default: <data-dir>/dataset.")
    private Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl",
            description = "File format: ${COMPLETION-CANDIDATES}. jsonl is the real sample's format; csv has a header"
                    + " row and RFC 4180 quoting. Default: ${DEFAULT-VALUE}.")
    private DatasetFormat format;

    @Override
    public Integer call() throws IOException {
        if (rows < 1 || rows > DatasetGenerator.MAX_ROWS) {
            throw new ParameterException(spec.commandLine(),
                    "--rows must be between 1 and " + DatasetGenerator.MAX_ROWS + ", got " + rows);
        }
        Path folder = out != null ? out.toAbsolutePath().normalize()
                : PinpipeCommand.of(spec).dataFolder().dataset();
        DatasetGenerator generator = new DatasetGenerator(seed, rows);
        long started = System.nanoTime();
        List<Path> files;
        try (DatasetWriter writer = new DatasetWriter(folder, format);
             Stream<SourceRow> stream = generator.rows();
             Progress progress = Progress.counting("generate", rows, "rows")) {
            Iterator<SourceRow> iterator = stream.iterator();
            while (iterator.hasNext()) {
                writer.write(iterator.next());
                if (writer.rowsWritten() % PROGRESS_STEP == 0) {
                    progress.stepTo(writer.rowsWritten());
                }
            }
            progress.stepTo(writer.rowsWritten());
            files = writer.commit();
        }
        printSummary(folder, files, (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private void printSummary(Path folder, List<Path> files, double seconds) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "Generated %,d rows per table (seed %d, %s) in %s:%n", rows, seed,
                format.extension(), folder);
        for (SourceTable table : SourceTable.values()) {
            Path file = DatasetWriter.fileOf(folder, table, format);
            console.printf(Locale.ROOT, "  %-24s %,14d bytes%n", file.getFileName(), Files.size(file));
        }
        console.printf(Locale.ROOT, "%,d bytes in %.1f s: %,.0f rows/s (all three tables), %.1f MB/s%n", bytes,
                seconds, rows / Math.max(seconds, 1e-9), bytes / 1e6 / Math.max(seconds, 1e-9));
        console.flush();
    }
}
