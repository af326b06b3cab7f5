package io.pinpipe.spark.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * One streaming job per warehouse: the job holds an operating-system lock on {@value #FILE} in a local warehouse
 * for as long as it runs. A second job on the same warehouse fails to start, naming the holder (its pid, host and
 * start time, which the holder writes into the file).
 *
 * <p>Why a file lock: the operating system releases it when the holder dies, however it dies ({@code kill -9}, the
 * OOM killer, a power cut), so a dead holder never blocks the next job and no lease needs renewing. The holder's
 * text stays in the file after a crash; it is only what the message shows, never what decides.
 *
 * <p>An S3 warehouse ({@code s3a://}) has no file lock, so no lock is taken there: running one job per warehouse is
 * then the operator's duty. A second writer is still detected at its first commit over the first's
 * ({@link KernelAppender}), which fails the job.
 */
final class WriterLock implements AutoCloseable {

    /** The lock file in the warehouse folder; Delta and Spark ignore names starting with an underscore. */
    static final String FILE = "_pinpipe_stream.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private WriterLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the warehouse for this job.
     *
     * @param warehouse a folder, a {@code file:} URI, or a remote location (then nothing is locked: empty)
     * @throws WarehouseBusyException when another job holds it
     */
    static Optional<WriterLock> acquire(String warehouse) {
        Optional<Path> folder = localFolder(warehouse);
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        Path file = folder.get().resolve(FILE);
        FileChannel channel = open(file);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw busy(warehouse, file);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            return Optional.of(new WriterLock(channel, lock));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw busy(warehouse, file);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the warehouse " + warehouse + " (" + file + ")", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
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

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the warehouse lock", e);
        }
    }

    /** Who this job is, for the message another job shows. */
    private static String holder() {
        return "pid " + ProcessHandle.current().pid() + " on " + hostName() + ", started " + Instant.now() + "\n";
    }

    private static WarehouseBusyException busy(String warehouse, Path file) {
        String holder;
        try {
            holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            holder = "unknown (" + e.getMessage() + ")";
        }
        return new WarehouseBusyException("another stream job writes the warehouse " + warehouse + ": "
                + (holder.isEmpty() ? "a job that is still starting" : holder) + " (lock " + file + "). One job per"
                + " warehouse: stop that one first, or give this one another --warehouse.");
    }

    private static FileChannel open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the warehouse lock " + file, e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "an unknown host";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was locked through this channel.
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
