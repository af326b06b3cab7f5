package io.pinpipe.common.process;

import io.pinpipe.common.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Children die with their parent, however it dies: a parent JVM starts a child through {@link ChildProcess}, the
 * parent is killed with SIGKILL (no shutdown hook runs), and the child is gone within seconds. A stopped child is
 * gone when {@link ChildProcess#close()} returns.
 */
class ParentWatchIT {

    private static final Duration ORPHAN_LIMIT = Duration.ofSeconds(10);

    @Test
    @Timeout(90)
    void aChildOfAKilledParentExitsWithinSeconds() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), ParentMain.class.getName());
        Process parent = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            ProcessHandle child = startedChild(lines);
            assertThat(child.parent().map(ProcessHandle::pid)).contains(parent.pid());

            parent.destroyForcibly().waitFor();

            assertThat(Await.until(ORPHAN_LIMIT, () -> !child.isAlive()))
                    .as("the child %d of the killed parent is gone within %s", child.pid(), ORPHAN_LIMIT).isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    @Timeout(60)
    void closeReturnsOnceTheChildIsGone() throws Exception {
        List<String> command = ChildProcess.javaCommand(List.of("-Xmx32m"), System.getProperty("java.class.path"),
                SleepingMain.class.getName(), List.of());
        ChildProcess child = ChildProcess.start(new ProcessBuilder(command), "sleeper", Duration.ofSeconds(10));
        assertThat(child.isAlive()).isTrue();

        child.close();

        assertThat(child.isAlive()).isFalse();
        assertThat(ChildProcess.jvmShuttingDown()).isFalse();
    }

    @Test
    void theWatchRunsOnlyWhenTheParentPidIsGiven() {
        List<String> command = ChildProcess.javaCommand(List.of("-Xmx32m"), "cp", "Main", List.of("a"));

        assertThat(command).containsSubsequence("-Xmx32m",
                "-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid(), "-cp", "cp",
                ParentWatch.class.getName(), "Main", "a");
        assertThat(ParentWatch.isParent(ProcessHandle.current().parent().orElseThrow().pid())).isTrue();
        assertThat(ParentWatch.isParent(ProcessHandle.current().pid())).isFalse();
    }

    /** The child, once the parent named it and it said it runs (the test's timeout bounds the reading). */
    private static ProcessHandle startedChild(BufferedReader lines) throws IOException {
        Long pid = null;
        boolean running = false;
        while (pid == null || !running) {
            String line = lines.readLine();
            if (line == null) {
                throw new AssertionError("the parent ended before its child ran");
            }
            if (line.startsWith("child pid ")) {
                pid = Long.parseLong(line.substring("child pid ".length()).trim());
            }
            running |= line.equals("child running");
        }
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("the child is gone already"));
    }
}
