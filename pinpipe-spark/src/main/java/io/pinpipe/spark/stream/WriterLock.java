package io.pinpipe.spark.stream;

import io.pinpipe.common.process.LockFile;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * One streaming job per warehouse: the job holds an operating-system lock ({@link LockFile}) on {@value #FILE} in a
 * local warehouse for as long as it runs. A second job on the same warehouse fails to start, naming the holder (its
 * pid, host and start time, which the holder writes into the file).
 *
 * <p>Why a file lock: the operating system releases it when the holder dies, however it dies ({@code kill -9}, the
 * OOM killer), so a dead holder never blocks the next job. The holder's text stays in the file after a crash; it is
 * only what the message shows, never what decides.
 *
 * <p>An S3 warehouse ({@code s3a://}) has no file lock, so no lock is taken there: running one job per warehouse is
 * then the operator's duty. A second writer is still detected at its first commit over the first's
 * ({@link KernelAppender}), which fails the job.
 */
final class WriterLock {

    /** The lock file in the warehouse folder; Delta and Spark ignore names starting with an underscore. */
    static final String FILE = "_pinpipe_stream.lock";

    private WriterLock() {
    }

    /**
     * Takes the warehouse for this job.
     *
     * @param warehouse a folder, a {@code file:} URI, or a remote location (then nothing is locked: empty)
     * @throws WarehouseBusyException when another job holds it
     */
    static Optional<LockFile> acquire(String warehouse) {
        Optional<Path> folder = localFolder(warehouse);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        Path file = folder.get().resolve(FILE);
        LockFile lock = LockFile.tryLock(file).orElseThrow(() -> busy(warehouse, file));
        lock.write("pid " + ProcessHandle.current().pid() + " on " + hostName() + ", started " + Instant.now()
                + "\n");
        return Optional.of(lock);
    }

    /** The folder of a local warehouse; empty for a remote one. */
    static Optional<Path> localFolder(String warehouse) {
        if (warehouse.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(warehouse)));
        }
        if (warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(warehouse).toAbsolutePath());
    }

    private static WarehouseBusyException busy(String warehouse, Path file) {
        String holder = LockFile.read(file);
        return new WarehouseBusyException("another stream job writes the warehouse " + warehouse + ": "
                + (holder.isEmpty() ? "a job that is still starting" : holder) + " (lock " + file + "). One job per"
                + " warehouse: stop that one first, or give this one another --warehouse.");
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "an unknown host";
        }
    }

    /** Another job holds the warehouse. */
    static final class WarehouseBusyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        WarehouseBusyException(String message) {
            super(message);
        }
    }
}
