package io.pinpipe.common.process;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * The first code of every child JVM pinpipe starts ({@link ChildProcess#javaCommand}): it watches the parent and
 * stops this JVM within seconds of the parent's death, however the parent died ({@code kill -9}, the OOM killer),
 * then runs the real main class given as the first argument.
 *
 * <p>Why polling the parent id works: when a process dies, the kernel hands its children to another parent (init
 * or a subreaper) at once, before the dead process is even reaped. So the child's parent id changing away from
 * the one pinpipe passed in {@value #PARENT_PID_PROPERTY} means the parent is gone, with no race against pid reuse
 * and no help needed from the dying parent. A parent that died before the watch started is caught by the first poll.
 *
 * <p>On the parent's death the JVM exits through its shutdown hooks (a Connect worker stops its tasks, a Spark
 * job its query) and is halted if those take longer than {@link #HOOKS_GRACE_MILLIS}.
 */
public final class ParentWatch {

    /** The system property that carries the parent's process id. */
    public static final String PARENT_PID_PROPERTY = "pinpipe.parent.pid";
    /** The exit code of a child whose parent died (as if it had got SIGTERM). */
    public static final int ORPHANED_EXIT_CODE = 143;
    static final long POLL_MILLIS = 500;
    static final long HOOKS_GRACE_MILLIS = 3_000;

    private ParentWatch() {
    }

    /**
     * Starts the watch (when {@value #PARENT_PID_PROPERTY} is set), then the real main.
     *
     * @param args the real main class, then its arguments
     */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatch <main class> [arguments...]");
            System.exit(2);
        }
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid != null) {
            watch(Long.parseLong(parentPid));
        }
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Starts a daemon thread that ends this JVM once its parent is no longer {@code parentPid}. */
    static void watch(long parentPid) {
        Thread watch = new Thread(() -> {
            while (isParent(parentPid)) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("pinpipe: the parent process " + parentPid + " is gone; stopping "
                    + ProcessHandle.current().pid());
            exit();
        }, "pinpipe-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Whether {@code pid} is still this process's parent. */
    static boolean isParent(long pid) {
        Optional<Long> parent = ProcessHandle.current().parent().map(ProcessHandle::pid);
        return parent.isPresent() && parent.get() == pid;
    }

    private static void exit() {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(HOOKS_GRACE_MILLIS);
            } catch (InterruptedException ignored) {
                // Halt now, then.
            }
            Runtime.getRuntime().halt(ORPHANED_EXIT_CODE);
        }, "pinpipe-orphan-halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(ORPHANED_EXIT_CODE);
    }
}
