package io.pinpipe.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * One node of a multi-node local cluster, as the main class of its own JVM: a {@link LocalKafka} in the folder and on
 * the client port given, with the cluster's settings (node id, quorum voters, replication) as overrides. Its own JVM
 * so that a test can {@code kill -9} one broker of the cluster. Prints {@value #READY} and the address once clients
 * can use it; stops cleanly on SIGTERM.
 *
 * <p>Usage: {@code BrokerNode <data-dir> <client-port> [key=value ...]}
 */
public final class BrokerNode {

    /** The line, followed by {@code host:port}, that tells the parent the broker answers clients. */
    public static final String READY = "pinpipe broker ready at ";

    private BrokerNode() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: BrokerNode <data-dir> <client-port> [key=value ...]");
            System.exit(2);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals <= 0) {
                System.err.println("BrokerNode: '" + args[i] + "' is not key=value");
                System.exit(2);
            }
            overrides.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        LocalKafka kafka = LocalKafka.inFolder(Path.of(args[0]), Integer.parseInt(args[1]), overrides);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            stopped.countDown();
        }, "pinpipe-broker-stop"));
        kafka.start();
        System.out.println(READY + kafka.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
