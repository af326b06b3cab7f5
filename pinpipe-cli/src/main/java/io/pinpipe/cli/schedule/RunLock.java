package io.pinpipe.cli.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One run at a time per data folder, across processes: a lock file held for the length of a run. A second scheduler,
 * or a {@code --once} backfill while the scheduler runs, waits for its turn.
 */
final class RunLock {

    private static final Duration POLL = Duration.ofSeconds(1);

    private final Path file;
    private final Sleeper sleeper;

    RunLock(Path file, Sleeper sleeper) {
        this.file = file;
        this.sleeper = sleeper;
    }

    /** Blocks until this process holds the lock; {@code onWait} is told once if it has to wait. */
    Held acquire(Runnable onWait) throws InterruptedException {
        boolean told = false;
        while (true) {
            FileChannel channel = open();
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new Held(channel, lock);
                }
            } catch (OverlappingFileLockException e) {
                // Held by another scheduler in this JVM: wait like for another process.
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot lock " + file, e);
            }
            closeQuietly(channel);
            if (!told) {
                onWait.run();
                told = true;
            }
            sleeper.sleep(POLL);
        }
    }

    private FileChannel open() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the run lock " + file, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was locked through this channel.
        }
    }

    /** The lock while a run goes on. */
    static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release the run lock", e);
            }
        }
    }
}
