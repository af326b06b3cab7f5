package io.pinpipe.emulator.source;

import io.pinpipe.common.SourceTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One file holding rows of one table. The table comes from the file name: {@code pinterest_data.jsonl},
 * {@code geolocation_data.csv}, {@code user_data.jsonl} (as the generator and the real sample name them), or the
 * short names {@code pin}, {@code geo}, {@code user}.
 */
public record TableFile(Path path, SourceTable table, TableFormat format) {

    /** A file given by name; {@code format} may be null to take it from the extension. */
    public static TableFile of(Path path, TableFormat format) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("table file " + path + " does not exist");
        }
        String name = path.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
        SourceTable table;
        try {
            table = SourceTable.of(stem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot tell the table of " + path + ": name it pinterest_data, "
                    + "geolocation_data or user_data (.jsonl or .csv)", e);
        }
        return new TableFile(path, table, format != null ? format : TableFormat.ofFile(path));
    }

    /**
     * The table files in a folder, in table order: for each table the {@code <sql name>.jsonl} or {@code .csv}
     * file (only the given format when one is given). Empty when the folder holds none.
     */
    public static List<TableFile> inFolder(Path folder, TableFormat format) {
        List<TableFile> files = new ArrayList<>();
        for (SourceTable table : SourceTable.values()) {
            for (TableFormat candidate : TableFormat.values()) {
                Path path = folder.resolve(table.sqlName() + candidate.extension());
                if ((format == null || format == candidate) && Files.isRegularFile(path)) {
                    files.add(new TableFile(path, table, candidate));
                    break;
                }
            }
        }
        return files;
    }

    /** The number of data lines, for a progress bar (a CSV value spanning lines makes this an overestimate). */
    public long countLines() {
        try (Stream<String> lines = Files.lines(path)) {
            long count = lines.filter(line -> !line.isBlank()).count();
            return format == TableFormat.CSV ? Math.max(0, count - 1) : count;
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
