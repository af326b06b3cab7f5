package io.pinpipe.common.process;

import java.time.Duration;
import java.util.List;

/**
 * A parent for the tests: starts a {@link SleepingMain} child the way pinpipe starts its children, prints the
 * child's pid, and sleeps until it is killed.
 */
public final class ParentMain {

    private ParentMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = ChildProcess.javaCommand(List.of("-Xmx32m"), System.getProperty("java.class.path"),
                SleepingMain.class.getName(), List.of());
        ChildProcess child = ChildProcess.start(new ProcessBuilder(command).inheritIO(), "sleeper",
                Duration.ofSeconds(5));
        System.out.println("child pid " + child.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
