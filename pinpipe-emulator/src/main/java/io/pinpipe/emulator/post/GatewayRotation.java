package io.pinpipe.emulator.post;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which gateway a call goes to. Each new call takes the next gateway in turn (round-robin), so load spreads evenly;
 * a call that a gateway failed moves on to the gateway after that one, so it tries each gateway once before it
 * backs off. Thread-safe.
 */
final class GatewayRotation {

    private final List<String> bases;
    private final AtomicInteger turn = new AtomicInteger();

    GatewayRotation(List<URI> gateways) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway is needed");
        }
        this.bases = gateways.stream().map(GatewayRotation::withoutTrailingSlash).toList();
    }

    /** The gateway of a new call (an index into the gateways). */
    int next() {
        return Math.floorMod(turn.getAndIncrement(), bases.size());
    }

    /** The gateway to try when gateway {@code failed} did not answer or answered 5xx. */
    int after(int failed) {
        return (failed + 1) % bases.size();
    }

    int size() {
        return bases.size();
    }

    /** The base URL of gateway {@code index}, without a trailing slash. */
    String base(int index) {
        return bases.get(index);
    }

    private static String withoutTrailingSlash(URI gateway) {
        String text = gateway.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }
}
