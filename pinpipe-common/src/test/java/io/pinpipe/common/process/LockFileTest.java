package io.pinpipe.common.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LockFileTest {

    @TempDir
    Path folder;

    @Test
    void oneHolderAtATimeWhoseTextOthersCanRead() {
        Path file = folder.resolve("sub/the.lock");
        LockFile held = LockFile.tryLock(file).orElseThrow();
        held.write("pid 1 on here\n");

        assertThat(LockFile.tryLock(file)).as("held by another holder of this JVM").isEmpty();
        assertThat(LockFile.read(file)).isEqualTo("pid 1 on here");

        held.close();
        LockFile.tryLock(file).orElseThrow().close();
    }

    @Test
    void anUnreadableLockFileSaysWhy() {
        assertThat(LockFile.read(folder.resolve("missing.lock"))).startsWith("unknown (");
    }
}
