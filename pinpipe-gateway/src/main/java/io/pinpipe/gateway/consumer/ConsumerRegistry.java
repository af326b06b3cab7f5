package io.pinpipe.gateway.consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The consumer instances of one gateway, by group and name: a bounded number of them, each closed when deleted,
 * when idle longer than {@code consumer.instance.timeout.ms}, or when the registry closes. Thread-safe; no method
 * blocks (closing happens on each instance's own thread).
 */
final class ConsumerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerRegistry.class);

    private final ConsumerSettings settings;
    private final LongSupplier clockMs;
    /** A null value reserves a name while its consumer is being built. */
    private final Map<ConsumerInstanceId, ConsumerInstance> instances = new HashMap<>();
    private boolean closed;

    ConsumerRegistry(ConsumerSettings settings, LongSupplier clockMs) {
        this.settings = settings;
        this.clockMs = clockMs;
    }

    /**
     * Creates an instance in {@code group}.
     *
     * @param sessions builds the instance's session from its id and config; called on the instance's thread
     * @return the new instance; fails with 409/40902 when the name is taken, 503 when the registry is full, or what
     *         building the consumer threw
     */
    CompletableFuture<ConsumerInstance> create(String group, ConsumerInstanceConfig config,
                                               Function<ConsumerInstanceId, ConsumerSession> sessions) {
        String name = config.name() != null ? config.name() : "rest-consumer-" + UUID.randomUUID();
        ConsumerInstanceId id = new ConsumerInstanceId(group, name);
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(ConsumerErrors.instanceBusy());
            }
            if (instances.containsKey(id)) {
                return CompletableFuture.failedFuture(ConsumerErrors.alreadyExists());
            }
            if (instances.size() >= settings.maxInstances()) {
                return CompletableFuture.failedFuture(ConsumerErrors.tooManyInstances(settings.maxInstances()));
            }
            instances.put(id, null);
        }
        return ConsumerInstance.open(id, config, () -> sessions.apply(id), clockMs)
                .whenComplete((instance, failure) -> settle(id, instance));
    }

    /** @throws io.pinpipe.gateway.http.RestException 404/40403 when there is no such instance */
    synchronized ConsumerInstance get(String group, String name) {
        ConsumerInstance instance = instances.get(new ConsumerInstanceId(group, name));
        if (instance == null) {
            throw ConsumerErrors.instanceNotFound();
        }
        return instance;
    }

    /**
     * Forgets the instance and closes it after what is queued for it.
     *
     * @throws io.pinpipe.gateway.http.RestException 404/40403 when there is no such instance
     */
    CompletableFuture<Void> delete(String group, String name) {
        ConsumerInstance instance;
        synchronized (this) {
            ConsumerInstanceId id = new ConsumerInstanceId(group, name);
            instance = instances.get(id);
            if (instance == null) {
                throw ConsumerErrors.instanceNotFound();
            }
            instances.remove(id);
        }
        return instance.close();
    }

    /** Closes every instance idle for at least {@code consumer.instance.timeout.ms}; returns how many. */
    int expireIdle() {
        long now = clockMs.getAsLong();
        List<ConsumerInstance> expired = new ArrayList<>();
        synchronized (this) {
            instances.values().removeIf(instance -> {
                boolean idle = instance != null && instance.idleFor(settings.instanceTimeoutMs(), now);
                if (idle) {
                    expired.add(instance);
                }
                return idle;
            });
        }
        expired.forEach(instance -> {
            LOG.info("Consumer instance {} was idle for {} ms; closing it", instance.id(),
                    settings.instanceTimeoutMs());
            instance.close();
        });
        return expired.size();
    }

    synchronized int size() {
        return instances.size();
    }

    /** Refuses new instances and closes every existing one; completes when all are closed. */
    CompletableFuture<Void> closeAll() {
        List<ConsumerInstance> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            instances.values().stream().filter(instance -> instance != null).forEach(all::add);
            instances.clear();
        }
        return CompletableFuture.allOf(all.stream().map(ConsumerInstance::close).toArray(CompletableFuture[]::new));
    }

    private void settle(ConsumerInstanceId id, ConsumerInstance instance) {
        boolean closeIt = false;
        synchronized (this) {
            if (instance == null) {
                instances.remove(id);
            } else if (closed || !instances.containsKey(id)) {
                closeIt = true;
            } else {
                instances.put(id, instance);
            }
        }
        if (closeIt) {
            instance.close();
        }
    }
}
