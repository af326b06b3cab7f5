package io.pinpipe.spark.stream;

/** A stream job's stand-in for the tests: takes the warehouse given as the argument, says so, and holds it. */
public final class HoldWarehouse {

    private HoldWarehouse() {
    }

    public static void main(String[] args) throws InterruptedException {
        WriterLock.acquire(args[0]).orElseThrow();
        System.out.println("holding " + args[0]);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
