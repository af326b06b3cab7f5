package io.pinpipe.spark.stream;

import io.pinpipe.common.process.LockFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One stream job per warehouse: while one process holds a local warehouse, another is refused with a message naming
 * the holder; once the holder is killed with SIGKILL (no clean-up runs), the next job takes the warehouse over.
 */
class WriterLockIT {

    @TempDir
    Path warehouse;

    @Test
    @Timeout(90)
    void aSecondJobIsRefusedNamingTheHolderAndTakesOverOnceTheHolderIsKilled() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), HoldWarehouse.class.getName(),
                warehouse.toString()).redirectErrorStream(true).start();
        try {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).isEqualTo("holding " + warehouse);
            }

            assertThatThrownBy(() -> WriterLock.acquire(warehouse.toString()))
                    .isInstanceOf(WriterLock.WarehouseBusyException.class)
                    .hasMessageContaining("another stream job writes the warehouse " + warehouse)
                    .hasMessageContaining("pid " + holder.pid() + " on ")
                    .hasMessageContaining(", started ");

            holder.destroyForcibly().waitFor();

            Optional<LockFile> taken = WriterLock.acquire(warehouse.toString());
            assertThat(taken).as("the dead holder's lock is taken over").isPresent();
            taken.get().close();
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aJobOfThisProcessHoldsTheWarehouseUntilItCloses() {
        LockFile first = WriterLock.acquire(warehouse.toString()).orElseThrow();
        assertThatThrownBy(() -> WriterLock.acquire("file:" + warehouse))
                .isInstanceOf(WriterLock.WarehouseBusyException.class)
                .hasMessageContaining("pid " + ProcessHandle.current().pid());

        first.close();

        WriterLock.acquire(warehouse.toString()).orElseThrow().close();
    }

    @Test
    void aRemoteWarehouseIsNotLocked() {
        for (String remote : List.of("s3a://bucket/stream-warehouse", "hdfs://namenode:8020/w")) {
            assertThat(WriterLock.acquire(remote)).as(remote).isEmpty();
        }
    }
}
