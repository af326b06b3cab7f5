package io.pinpipe.gateway.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * What the gateway knows about the cluster, refreshed in the background through the Admin client: the existing
 * topics with their partition counts, the cluster id, the broker ids, and whether the last refresh reached the
 * cluster. Produce checks a topic here first, so an unknown topic is a fast 404 instead of a producer stalled on
 * metadata; an unknown name triggers one immediate refresh, so a topic created a moment ago works at once.
 *
 * <p>Thread-safe: the snapshot is replaced atomically by the one refresh thread.
 */
public final class ClusterView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);
    /** A name asked for again within this time is answered from the snapshot: no refresh storm from typos. */
    private static final long ON_DEMAND_MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

    /** One consistent picture of the cluster. */
    public record Snapshot(String clusterId, List<Integer> brokerIds, Map<String, Integer> partitions,
                           long takenNanos) {
    }

    private final Admin admin;
    private final long refreshMillis;
    private final LongSupplier nanoClock;
    private final ScheduledExecutorService refresher;
    private volatile Snapshot snapshot;
    private volatile boolean reachable;
    private volatile long lastAttemptNanos = Long.MIN_VALUE / 2;
    private CompletableFuture<Boolean> pending;

    public ClusterView(Admin admin, long refreshMillis, LongSupplier nanoClock) {
        this.admin = admin;
        this.refreshMillis = refreshMillis;
        this.nanoClock = nanoClock;
        this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pinpipe-cluster-view");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Takes the first snapshot (waiting up to a few seconds for it) and starts the periodic refresh. */
    public ClusterView start() {
        refreshNow().join();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** True when the last refresh reached the cluster: the readiness check and the fast-503 rule use it. */
    public boolean reachable() {
        return reachable;
    }

    public Optional<Snapshot> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /**
     * The partition count of {@code topic}: from the snapshot, or after one fresh look at the cluster when the name
     * is not in it. Empty when the topic does not exist; fails with {@link BrokerUnavailableException} when the
     * cluster cannot be asked and the topic is not known.
     */
    public CompletableFuture<Optional<Integer>> partitions(String topic) {
        Snapshot current = snapshot;
        if (current != null && current.partitions().containsKey(topic)) {
            return CompletableFuture.completedFuture(Optional.of(current.partitions().get(topic)));
        }
        boolean recentlyLooked = nanoClock.getAsLong() - lastAttemptNanos < ON_DEMAND_MIN_INTERVAL_NANOS;
        if (recentlyLooked && current != null && reachable) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return refreshNow().thenApply(ok -> {
            Snapshot fresh = snapshot;
            if (fresh != null && fresh.partitions().containsKey(topic)) {
                return Optional.of(fresh.partitions().get(topic));
            }
            if (!ok) {
                throw new BrokerUnavailableException("the Kafka cluster cannot be reached to look up topic '"
                        + topic + "'");
            }
            return Optional.empty();
        });
    }

    /** Starts a refresh unless one is running; completes with whether it reached the cluster. */
    public synchronized CompletableFuture<Boolean> refreshNow() {
        if (pending != null && !pending.isDone()) {
            return pending;
        }
        CompletableFuture<Boolean> started = new CompletableFuture<>();
        pending = started;
        refresher.execute(() -> started.complete(refreshQuietly()));
        return started;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }

    private boolean refreshQuietly() {
        lastAttemptNanos = nanoClock.getAsLong();
        try {
            snapshot = takeSnapshot();
            if (!reachable) {
                LOG.info("Kafka cluster {} reachable: {} topics", snapshot.clusterId(), snapshot.partitions().size());
            }
            reachable = true;
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            if (reachable) {
                LOG.warn("Kafka cluster unreachable: {}", e.getMessage() != null ? e.getMessage()
                        : e.getClass().getSimpleName());
            }
            reachable = false;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reachable = false;
            return false;
        }
    }

    private Snapshot takeSnapshot() throws ExecutionException, InterruptedException, TimeoutException {
        long timeout = CALL_TIMEOUT.toMillis();
        DescribeClusterResult cluster = admin.describeCluster();
        String clusterId = cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS);
        List<Integer> brokers = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS).stream().map(Node::id)
                .sorted().toList();
        Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(false)).names()
                .get(timeout, TimeUnit.MILLISECONDS);
        Map<String, Integer> partitions = new TreeMap<>();
        if (!names.isEmpty()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                    .get(timeout, TimeUnit.MILLISECONDS);
            descriptions.forEach((name, description) -> partitions.put(name, description.partitions().size()));
        }
        return new Snapshot(clusterId, brokers, Map.copyOf(partitions), nanoClock.getAsLong());
    }
}
