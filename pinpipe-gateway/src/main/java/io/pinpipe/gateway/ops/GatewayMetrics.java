package io.pinpipe.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pinpipe.gateway.front.MemoryBudget;
import io.pinpipe.gateway.kafka.ProduceService;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.time.Duration;
import java.util.Map;

/**
 * The gateway's Prometheus metrics: requests by method, route and status with a latency histogram, records and bytes
 * produced, errors by error code, produce requests in progress and the producer's free buffer.
 */
public final class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter records;
    private final DistributionSummary bytes;

    public GatewayMetrics(MeterRegistry registry, Producer<byte[], byte[]> producer, ProduceService produce) {
        this.registry = registry;
        this.records = Counter.builder("pinpipe.gateway.records").description("Records acknowledged by Kafka")
                .register(registry);
        this.bytes = DistributionSummary.builder("pinpipe.gateway.request.bytes").baseUnit("bytes")
                .description("Request body sizes").register(registry);
        Gauge.builder("pinpipe.gateway.produce.inflight", produce, ProduceService::inflight)
                .description("Produce requests in progress").register(registry);
        Gauge.builder("pinpipe.gateway.producer.buffer.available.bytes", producer, GatewayMetrics::bufferAvailable)
                .baseUnit("bytes").description("Free space in the Kafka producer's buffer").register(registry);
    }

    /** What the front holds: bytes reserved by requests in flight. */
    public void watch(MemoryBudget memory) {
        Gauge.builder("pinpipe.gateway.inflight.bytes", memory, MemoryBudget::used).baseUnit("bytes")
                .description("Memory reserved by requests in flight (pinpipe.inflight.max.bytes)").register(registry);
    }

    public void request(String method, String route, int status, long nanos, long requestBytes) {
        Timer.builder("pinpipe.gateway.requests").description("HTTP requests answered")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry)
                .record(Duration.ofNanos(nanos));
        if (requestBytes > 0) {
            bytes.record(requestBytes);
        }
    }

    public void recordsAcknowledged(int count) {
        records.increment(count);
    }

    public void error(int errorCode) {
        registry.counter("pinpipe.gateway.errors", "error_code", Integer.toString(errorCode)).increment();
    }

    private static double bufferAvailable(Producer<byte[], byte[]> producer) {
        for (Map.Entry<MetricName, ? extends Metric> entry : producer.metrics().entrySet()) {
            MetricName name = entry.getKey();
            if (name.name().equals("buffer-available-bytes") && name.group().equals("producer-metrics")) {
                Object value = entry.getValue().metricValue();
                return value instanceof Number number ? number.doubleValue() : Double.NaN;
            }
        }
        return Double.NaN;
    }
}
