package io.pinpipe.emulator.lake;

import io.pinpipe.emulator.dataset.DatasetGenerator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A lake of {@code records} draws per topic over a generated dataset: each draw picks a row id ({@link LakeDraws})
 * and writes that row's pin, geo and user record, the three sharing the id, as the emulator posts one draw.
 */
public final class GeneratedLake {

    /** Row counts up to this are tracked in a bit set (12.5 MB at most) to report the distinct ids drawn. */
    public static final long MAX_COUNTED_ROWS = 100_000_000L;

    private static final int PROGRESS_STEP = 4096;

    private final DatasetGenerator generator;
    private final LakeDraws draws;

    public GeneratedLake(DatasetGenerator generator, LakeDraws draws) {
        this.generator = generator;
        this.draws = draws;
    }

    /**
     * What was written.
     *
     * @param distinctRows distinct row ids among the draws, or -1 when the dataset was too big to count them
     */
    public record Summary(long recordsPerTopic, long distinctRows, List<Path> files, long bytes) {
    }

    /**
     * Writes {@code records} draws and finishes the files.
     *
     * @param progress told the number of draws written now and then (every few thousand, and at the end)
     */
    public Summary write(LakeWriter writer, long records, LongConsumer progress) throws IOException {
        if (records < 1) {
            throw new IllegalArgumentException("records per topic must be positive, got " + records);
        }
        BitSet seen = generator.rowCount() <= MAX_COUNTED_ROWS ? new BitSet() : null;
        for (long i = 0; i < records; i++) {
            long id = draws.next();
            writer.write(generator.row(id));
            if (seen != null) {
                seen.set((int) id);
            }
            if ((i + 1) % PROGRESS_STEP == 0) {
                progress.accept(i + 1);
            }
        }
        List<Path> files = writer.finish();
        progress.accept(records);
        return new Summary(records, seen == null ? -1 : seen.cardinality(), files, writer.bytesWritten());
    }
}
