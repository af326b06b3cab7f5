package io.pinpipe.emulator.source;

import io.pinpipe.emulator.dataset.DatasetGenerator;

import java.nio.file.Path;
import java.util.List;

/**
 * The dataset a source gets when nobody says which: the table files {@code pinpipe dataset generate} wrote to
 * {@code <data-dir>/dataset/}, or, when there are none, the generator's rows for seed {@value #SEED} (the course's
 * 11,153 rows), generated straight into the database.
 */
public final class DefaultDataset {

    public static final long SEED = 42;
    public static final long ROWS = DatasetGenerator.DEFAULT_ROWS;

    private DefaultDataset() {
    }

    public static Path folder(Path dataDir) {
        return dataDir.resolve("dataset");
    }

    /** The table files of {@code <data-dir>/dataset/}, possibly none. */
    public static List<TableFile> files(Path dataDir) {
        Path folder = folder(dataDir);
        return folder.toFile().isDirectory() ? TableFile.inFolder(folder, null) : List.of();
    }

    /** The default records: the dataset files when there are any, else the generated default dataset. */
    public static RecordFeed feed(Path dataDir) {
        List<TableFile> files = files(dataDir);
        if (!files.isEmpty()) {
            return new TableFileFeed(files);
        }
        return new GeneratedFeed(new DatasetGenerator(SEED, ROWS).rows());
    }
}
