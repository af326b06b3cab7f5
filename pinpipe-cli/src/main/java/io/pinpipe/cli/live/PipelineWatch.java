package io.pinpipe.cli.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the pipeline every {@code interval} on its own thread and keeps the latest snapshot as JSON, so a request
 * for it never waits for Kafka or the disk and a hundred open pages cost one probe. Keeps the last minutes of totals
 * for the rates' sparklines.
 */
final class PipelineWatch implements AutoCloseable {

    /** The JSON of {@code GET /ui/api/pipeline}: snake_case names, ISO-8601 times, nulls kept. */
    static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private static final Logger LOG = LoggerFactory.getLogger(PipelineWatch.class);
    private static final Duration HISTORY = Duration.ofMinutes(5);

    private final PipelineProbe probe;
    private final PipelineBooks.Pipeline pipeline;
    private final Deque<PipelineSnapshot.Sample> history = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pinpipe-live-watch");
        thread.setDaemon(true);
        return thread;
    });
    private Readings start;
    private Readings previous;
    private volatile byte[] latest;

    PipelineWatch(PipelineProbe probe, PipelineBooks.Pipeline pipeline) {
        this.probe = probe;
        this.pipeline = pipeline;
        this.latest = failure(Instant.now(), "the pipeline has not been read yet");
    }

    PipelineWatch start(Duration interval) {
        timer.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The latest snapshot as JSON bytes (UTF-8). */
    byte[] latest() {
        return latest;
    }

    /** Reads every stage once and replaces the latest snapshot; a stage that cannot be read becomes the problem. */
    synchronized void refresh() {
        try {
            Readings now = probe.read();
            if (start == null) {
                start = now;
                previous = now;
            }
            history.addLast(PipelineBooks.sample(pipeline.topics(), now));
            while (history.getFirst().at().isBefore(now.at().minus(HISTORY))) {
                history.removeFirst();
            }
            latest = MAPPER.writeValueAsBytes(PipelineBooks.snapshot(pipeline, start, previous, now,
                    List.copyOf(history)));
            previous = now;
        } catch (RuntimeException | JsonProcessingException e) {
            if (timer.isShutdown()) {
                return; // interrupted by close(): the gateway is stopping, nothing went wrong
            }
            LOG.warn("live page: cannot read the pipeline: {}", e.getMessage());
            latest = failure(Instant.now(), "cannot read the pipeline: " + e.getMessage());
        }
    }

    private static byte[] failure(Instant at, String problem) {
        try {
            return MAPPER.writeValueAsBytes(Map.of("at", at, "balanced", false, "problems", List.of(problem)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem as JSON", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
