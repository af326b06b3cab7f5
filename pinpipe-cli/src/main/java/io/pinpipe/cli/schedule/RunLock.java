package io.pinpipe.cli.schedule;

import io.pinpipe.common.process.LockFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
    LockFile acquire(Runnable onWait) throws InterruptedException {
        boolean told = false;
        while (true) {
            Optional<LockFile> lock = LockFile.tryLock(file);
            if (lock.isPresent()) {
                return lock.get();
            }
            if (!told) {
                onWait.run();
                told = true;
            }
            sleeper.sleep(POLL);
        }
    }
}
