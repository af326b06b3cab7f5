package io.pinpipe.emulator.source;

import java.nio.file.Path;
import java.util.Locale;

/** The two forms a table file comes in: JSON Lines (one object per line) and CSV with a header row. */
public enum TableFormat {
    JSONL(".jsonl"),
    CSV(".csv");

    private final String extension;

    TableFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** The format a file name implies: {@code .jsonl}/{@code .json} or {@code .csv}. */
    public static TableFormat ofFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return JSONL;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        throw new IllegalArgumentException("cannot tell the format of " + file
                + ": name it .jsonl or .csv, or give --format");
    }
}
