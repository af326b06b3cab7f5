package io.pinpipe.emulator.post;

import io.pinpipe.common.Redaction;
import io.pinpipe.common.Topics;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one emulator run behaves. Built with {@link #builder()}; every value is checked once, here, so a bad value
 * fails before any request goes out. {@link #toString()} never shows the API key.
 *
 * @param gateways    the gateways' base URLs, distinct; requests take them in turn ({@link GatewayRotation})
 * @param count       draws to make; 0 for no limit
 * @param duration    how long to run; null for no limit
 * @param rate        draws per second; 0 for as fast as the gateway answers
 * @param concurrency requests in flight at most
 * @param batchSize   draws per request (each request carries the records of one topic)
 * @param maxAttempts attempts per record, the first included
 */
public record EmulatorOptions(List<URI> gateways, String stage, Topics topics, Mode mode, long count, Duration duration,
                              double rate, int concurrency, int batchSize, long seed, int minRow, int maxRow,
                              String apiKey, int maxAttempts, Duration requestTimeout) {

    public static final String DEFAULT_GATEWAY_URL = "http://localhost:8082";
    public static final URI DEFAULT_GATEWAY = URI.create(DEFAULT_GATEWAY_URL);
    public static final String DEFAULT_STAGE = "test";
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final int MAX_CONCURRENCY = 1_024;
    /** Gateways a run may spread over; a failover marks those it tried in one bit each of a {@code long}. */
    public static final int MAX_GATEWAYS = 16;

    public EmulatorOptions {
        gateways = checkedGateways(gateways);
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(mode, "mode");
        stage = stage == null ? "" : stripSlashes(stage);
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be 0 (no limit) or a positive number, was " + rate);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be 1-" + MAX_CONCURRENCY + ", was " + concurrency);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batch size must be 1-" + MAX_BATCH_SIZE + ", was " + batchSize);
        }
        if (minRow < 0 || maxRow < minRow || maxRow == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("row range " + minRow + ".." + maxRow + " is empty or out of range");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("attempts must be 1-100, was " + maxAttempts);
        }
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same options drawing from {@code min..max}. */
    public EmulatorOptions withRows(int min, int max) {
        return new EmulatorOptions(gateways, stage, topics, mode, count, duration, rate, concurrency, batchSize, seed,
                min, max, apiKey, maxAttempts, requestTimeout);
    }

    @Override
    public String toString() {
        return "EmulatorOptions[gateways=" + gateways.stream().map(EmulatorOptions::redacted).toList() + ", stage="
                + stage + ", user="
                + topics.userId() + ", mode=" + mode + ", count=" + count + ", duration=" + duration + ", rate=" + rate
                + ", concurrency=" + concurrency + ", batchSize=" + batchSize + ", seed=" + seed + ", rows=" + minRow
                + ".." + maxRow + ", apiKey=" + (apiKey == null ? "none" : Redaction.HIDDEN) + ", maxAttempts="
                + maxAttempts + "]";
    }

    /** A gateway's base URL without trailing slashes, its user-info hidden: how the emulator names it. */
    public static String redacted(URI gateway) {
        return Redaction.text(withoutTrailingSlashes(gateway.toString()));
    }

    static String withoutTrailingSlashes(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static List<URI> checkedGateways(List<URI> gateways) {
        Objects.requireNonNull(gateways, "gateways");
        if (gateways.isEmpty() || gateways.size() > MAX_GATEWAYS) {
            throw new IllegalArgumentException("1-" + MAX_GATEWAYS + " gateways are needed, got " + gateways.size());
        }
        Set<String> seen = new HashSet<>();
        for (URI gateway : gateways) {
            Objects.requireNonNull(gateway, "gateway");
            if (!"http".equals(gateway.getScheme()) && !"https".equals(gateway.getScheme())) {
                throw new IllegalArgumentException("gateway '" + redacted(gateway)
                        + "' must be an http:// or https:// URL");
            }
            if (!seen.add(withoutTrailingSlashes(gateway.toString()))) {
                // Listed twice, it would take two turns of the rotation and be failed over to itself.
                throw new IllegalArgumentException("gateway '" + redacted(gateway) + "' is listed twice");
            }
        }
        return List.copyOf(gateways);
    }

    private static String stripSlashes(String text) {
        String result = text.trim();
        while (result.startsWith("/")) {
            result = result.substring(1);
        }
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    /** Defaults are the course's: local gateway, stage {@code test}, seed 100, rows 0..11000, one at a time. */
    public static final class Builder {
        private List<URI> gateways = List.of(DEFAULT_GATEWAY);
        private String stage = DEFAULT_STAGE;
        private String userId = "pinpipe";
        private Mode mode = Mode.BATCH;
        private long count;
        private Duration duration;
        private double rate;
        private int concurrency = 8;
        private int batchSize = 1;
        private long seed = CourseDraws.COURSE_SEED;
        private int minRow;
        private int maxRow = CourseDraws.COURSE_MAX_ROW;
        private String apiKey;
        private int maxAttempts = 5;
        private Duration requestTimeout = Duration.ofSeconds(30);

        public Builder gateway(URI value) {
            gateways = value == null ? null : List.of(value);
            return this;
        }

        public Builder gateways(List<URI> value) {
            gateways = value;
            return this;
        }

        public Builder stage(String value) {
            stage = value;
            return this;
        }

        public Builder userId(String value) {
            userId = value;
            return this;
        }

        public Builder mode(Mode value) {
            mode = value;
            return this;
        }

        public Builder count(long value) {
            count = value;
            return this;
        }

        public Builder duration(Duration value) {
            duration = value;
            return this;
        }

        public Builder rate(double value) {
            rate = value;
            return this;
        }

        public Builder concurrency(int value) {
            concurrency = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder rows(int min, int max) {
            minRow = min;
            maxRow = max;
            return this;
        }

        public Builder apiKey(String value) {
            apiKey = value == null || value.isEmpty() ? null : value;
            return this;
        }

        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public EmulatorOptions build() {
            return new EmulatorOptions(gateways, stage, new Topics(userId), mode, count, duration, rate, concurrency,
                    batchSize, seed, minRow, maxRow, apiKey, maxAttempts, requestTimeout);
        }
    }
}
