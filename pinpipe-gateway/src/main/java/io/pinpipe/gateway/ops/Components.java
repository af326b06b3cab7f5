package io.pinpipe.gateway.ops;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the parts that run beside the gateway (the Connect worker of {@code pinpipe up}), as their owner
 * reports it, for {@code /health}. A part that was never reported is not listed; one that is not {@link #UP} makes
 * the overall status {@code DEGRADED}. The gateway itself still takes records then: they wait in Kafka.
 */
public final class Components {

    public static final String UP = "UP";

    private final Map<String, State> states = new ConcurrentHashMap<>();

    /**
     * Records a part's state.
     *
     * @param name   the part, e.g. {@code connect}
     * @param status {@link #UP}, or a word saying why not, e.g. {@code RESTARTING}
     * @param detail what an operator should know, e.g. the exit code and the log file
     */
    public void report(String name, String status, String detail) {
        states.put(name, new State(status, detail));
    }

    /** Every reported part by name. */
    public Map<String, State> snapshot() {
        return new TreeMap<>(states);
    }

    /** {@link #UP} when every reported part is up, else {@code DEGRADED}. */
    public String overall() {
        return states.values().stream().allMatch(state -> UP.equals(state.status())) ? UP : "DEGRADED";
    }

    /** One part's state. */
    public record State(String status, String detail) {
    }
}
