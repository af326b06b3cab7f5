package io.pinpipe.emulator.post;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Which gateway a request goes to. New requests take the gateways in turn (round-robin), so load spreads evenly. A
 * gateway that refused a connection <em>rests</em>: new requests and failovers pass it by for a while that doubles
 * with each refusal in a row ({@link #FIRST_REST} up to {@link #MAX_REST}); when its rest is over, the next request
 * tries it again, and its first answer ends the back-off. When every gateway rests, a new request still goes
 * to the one due back first: the rotation never holds a request back, the {@link RetryPolicy} paces it.
 * Thread-safe: the sender threads share one rotation.
 */
final class GatewayRotation {

    static final Duration FIRST_REST = Duration.ofMillis(500);
    static final Duration MAX_REST = Duration.ofSeconds(10);

    private final int size;
    private final LongSupplier nanoClock;
    private final AtomicInteger turn = new AtomicInteger();
    /** Refusals in a row per gateway; 0 while it answers. */
    private final AtomicIntegerArray refusals;
    /** Per gateway, the {@link #nanoClock} time its rest ends; meaningful while it has refusals. */
    private final AtomicLongArray restUntil;

    /** @param nanoClock {@link System#nanoTime()}, or a fake clock in tests */
    GatewayRotation(int size, LongSupplier nanoClock) {
        if (size < 1 || size > Long.SIZE) {
            throw new IllegalArgumentException("1-" + Long.SIZE + " gateways, got " + size);
        }
        this.size = size;
        this.nanoClock = nanoClock;
        this.refusals = new AtomicIntegerArray(size);
        this.restUntil = new AtomicLongArray(size);
    }

    /** The gateway of a new request (an index into the gateways): the next in turn that is not resting. */
    int first() {
        int start = Math.floorMod(turn.getAndIncrement(), size);
        long now = nanoClock.getAsLong();
        int dueFirst = start;
        for (int i = 0; i < size; i++) {
            int gateway = (start + i) % size;
            if (!resting(gateway, now)) {
                return gateway;
            }
            if (restUntil.get(gateway) - restUntil.get(dueFirst) < 0) {
                dueFirst = gateway;
            }
        }
        return dueFirst;
    }

    /**
     * Where a request goes after gateway {@code refused} refused its connection: the next gateway in turn that it has
     * not tried yet and that is not resting, or -1 when there is none.
     *
     * @param tried the gateways this request has tried, one bit each ({@code 1L << gateway})
     */
    int failover(int refused, long tried) {
        long now = nanoClock.getAsLong();
        for (int i = 1; i < size; i++) {
            int gateway = (refused + i) % size;
            if ((tried & (1L << gateway)) == 0 && !resting(gateway, now)) {
                return gateway;
            }
        }
        return -1;
    }

    /** Gateway {@code gateway} refused a connection (or did not accept one in time): it rests. */
    void refused(int gateway) {
        int inARow = refusals.incrementAndGet(gateway);
        long rest = Math.min(FIRST_REST.toNanos() << Math.min(inARow - 1, 20), MAX_REST.toNanos());
        restUntil.set(gateway, nanoClock.getAsLong() + rest);
    }

    /** Gateway {@code gateway} answered: it takes its turns again. */
    void answered(int gateway) {
        // Read first: the common case, a gateway that never refused, then costs no write to shared memory.
        if (refusals.get(gateway) != 0) {
            refusals.set(gateway, 0);
        }
    }

    boolean resting(int gateway) {
        return resting(gateway, nanoClock.getAsLong());
    }

    private boolean resting(int gateway, long now) {
        return refusals.get(gateway) > 0 && now - restUntil.get(gateway) < 0;
    }
}
