package io.pinpipe.common;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The layout of pinpipe's data folder ({@code --data-dir}, default {@code ./pinpipe-data}): every folder a command
 * reads or writes inside it, named once so that two commands cannot disagree about where a thing lives. These are
 * the defaults; a setting such as {@code connect.lake.dir} or an explicit flag may put a thing elsewhere.
 */
public final class DataFolder {

    private final Path root;

    public DataFolder(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code lake/}: the sink's files when {@code connect.store=local} and no {@code connect.lake.dir} is set. */
    public Path lake() {
        return root.resolve("lake");
    }

    /** {@code warehouse/}: the batch job's Delta tables. */
    public Path warehouse() {
        return root.resolve("warehouse");
    }

    /** {@code results/}: the batch job's eight results and {@code report.html}. */
    public Path results() {
        return root.resolve("results");
    }

    /** {@code results/report.html}: the batch job's report. */
    public Path report() {
        return results().resolve("report.html");
    }

    /** {@code checkpoints/stream/}: the streaming job's checkpoints. */
    public Path streamCheckpoints() {
        return root.resolve("checkpoints").resolve("stream");
    }

    /** {@code stream-warehouse/}: the streaming job's Delta tables, apart from the batch job's. */
    public Path streamWarehouse() {
        return root.resolve("stream-warehouse");
    }

    /** {@code schedule/}: the scheduler's run history and lock. */
    public Path schedule() {
        return root.resolve("schedule");
    }

    /** {@code connect/}: the Connect worker's properties, offsets, log and REST address. */
    public Path connect() {
        return root.resolve("connect");
    }

    /** {@code kafka/}: the embedded broker's log and metadata. */
    public Path kafka() {
        return root.resolve("kafka");
    }

    /** {@code source/}: the emulator's source database. */
    public Path source() {
        return root.resolve("source");
    }

    /** {@code dataset/}: the files {@code pinpipe dataset generate} writes by default. */
    public Path dataset() {
        return root.resolve("dataset");
    }

    /** {@code demo/}: {@code pinpipe demo}'s own data folder, emptied at each run, with this same layout inside. */
    public Path demo() {
        return root.resolve("demo");
    }

    /** {@code logs/}: the log files of child JVMs such as the Spark jobs. */
    public Path logs() {
        return root.resolve("logs");
    }
}
