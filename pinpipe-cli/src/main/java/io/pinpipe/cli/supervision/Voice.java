package io.pinpipe.cli.supervision;

import java.util.function.Function;

/**
 * How a {@link Supervisor} speaks of the process it keeps running.
 *
 * @param label       the console column its lines start with, e.g. {@code "Connect   "} or {@code "broker-2  "}
 * @param subject     what it is in a sentence, e.g. {@code "the Connect worker"}
 * @param running     where it answers, e.g. {@code "lake sink RUNNING at http://127.0.0.1:8083"}
 * @param exitDetail  what to add to its exit code when it died, e.g. {@code "; log /…/worker.log"}
 */
public record Voice<N>(String label, String subject, Function<N, String> running, Function<N, String> exitDetail) {

    /** A voice whose console column is {@code name} padded as the banner's columns are, e.g. {@code "broker-2  "}. */
    public static <N> Voice<N> named(String name, Function<N, String> running) {
        return new Voice<>(String.format("%-9s ", name), name, running, node -> "");
    }
}
