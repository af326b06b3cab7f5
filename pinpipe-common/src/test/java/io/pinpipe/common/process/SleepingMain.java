package io.pinpipe.common.process;

/** A child's main for the tests: says it runs, then sleeps until it is stopped. */
public final class SleepingMain {

    private SleepingMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("child running");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
