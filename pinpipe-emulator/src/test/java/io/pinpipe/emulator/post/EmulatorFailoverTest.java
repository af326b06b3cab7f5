package io.pinpipe.emulator.post;

import io.pinpipe.emulator.TestSources;
import io.pinpipe.emulator.source.SourceDatabase;
import io.pinpipe.emulator.source.SourceReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Load spread over two real HTTP servers on loopback, one of them failing in each way a gateway can fail: refusing
 * connections (failed over at once), dropping them after the request went out (in doubt, sent nowhere else), or
 * answering 503 (retried on the same gateway).
 */
class EmulatorFailoverTest {

    /** The first ten row numbers of seed 100: the source holds all of them, so each draw is three records. */
    private static final int[] COURSE_IDS = {7528, 2863, 5730, 8304, 8731, 1313, 4315, 10794, 5494, 5069};
    private static final int DRAWS = COURSE_IDS.length;

    @TempDir
    Path folder;

    private FakeGateway first;
    private FakeGateway second;
    private SourceDatabase source;

    @BeforeEach
    void start() {
        first = new FakeGateway();
        second = new FakeGateway();
        source = TestSources.h2With(folder, COURSE_IDS);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    private EmulatorSummary run(List<URI> gateways, UnaryOperator<EmulatorOptions.Builder> options)
            throws InterruptedException {
        EmulatorOptions built = options.apply(EmulatorOptions.builder().gateways(gateways).count(DRAWS)).build();
        try (SourceReader reader = new SourceReader(source)) {
            return new Emulator(built, reader, drawn -> { }).run();
        }
    }

    /** A gateway that refuses connections: a server that was listening on the port and is closed. */
    private URI refusing(FakeGateway gateway) {
        URI uri = gateway.uri();
        gateway.close();
        return uri;
    }

    @Test
    void healthyGatewaysTakeTheRequestsInTurn() throws Exception {
        EmulatorSummary summary = run(List.of(first.uri(), second.uri()), o -> o.concurrency(4));

        assertThat(summary.acknowledged()).isEqualTo(3L * DRAWS);
        assertThat(first.requests()).hasSize(15);
        assertThat(second.requests()).hasSize(15);
        assertThat(summary.gateways()).containsExactly(
                new EmulatorSummary.GatewayCount(first.uri().toString(), 15, 0, 15, 0),
                new EmulatorSummary.GatewayCount(second.uri().toString(), 15, 0, 15, 0));
        assertThat(summary.failovers()).isZero();
        assertThat(summary.describe()).contains("gateway " + first.uri() + ": 15 requests answered, 0 connections"
                + " refused, 15 records acknowledged, 0 in doubt", "failovers 0");
    }

    @Test
    void aRefusedConnectionFailsOverAtOnceAndTheRefusingGatewayRests() throws Exception {
        URI dead = refusing(first);
        EmulatorSummary summary = run(List.of(dead, second.uri()), o -> o.concurrency(1));

        assertThat(summary.acknowledged()).isEqualTo(3L * DRAWS);
        assertThat(summary.failedTotal()).isZero();
        assertThat(summary.inDoubtTotal()).as("a refused connection carried nothing").isZero();
        assertThat(summary.retried()).as("a failover is not a retry: no back-off, no attempt used").isZero();
        assertThat(second.requests()).hasSize(3 * DRAWS);
        EmulatorSummary.GatewayCount refused = summary.gateways().get(0);
        assertThat(refused.answered()).isZero();
        assertThat(refused.refused()).isEqualTo(summary.failovers()).isPositive()
                .as("while it rests, requests pass it by instead of failing over from it").isLessThan(15);
    }

    @Test
    void aLostAnswerLeavesTheRecordsInDoubtAndSendsThemNowhereElse() throws Exception {
        first.answering((request, number) -> FakeGateway.Reply.DROP);
        EmulatorSummary summary = run(List.of(first.uri(), second.uri()), o -> o.concurrency(1));

        assertThat(first.requests()).hasSize(15);
        assertThat(second.requests()).hasSize(15);
        List<String> lost = first.requests().stream().map(FakeGateway.Request::bodyText).toList();
        assertThat(second.requests()).extracting(FakeGateway.Request::bodyText).doesNotContainAnyElementsOf(lost);
        assertThat(summary.acknowledged()).isEqualTo(15);
        assertThat(summary.inDoubtTotal()).isEqualTo(15);
        assertThat(summary.failovers()).isZero();
        assertThat(summary.retried()).isZero();
        assertThat(summary.failedTotal()).isZero();
        assertThat(summary.gateways().get(0).inDoubt()).isEqualTo(15);
        assertThat(summary.describe()).contains("acknowledged 15, retried 0, failed 0, in doubt 15");
    }

    @Test
    void aServerErrorIsRetriedOnTheGatewayThatAnswered() throws Exception {
        first.answering((request, number) -> number == 1
                ? FakeGateway.Reply.json(503, "{\"error_code\":50302,\"message\":\"Kafka unreachable\"}")
                : FakeGateway.success(request));
        EmulatorSummary summary = run(List.of(first.uri(), second.uri()), o -> o.count(1).concurrency(1));

        assertThat(summary.acknowledged()).isEqualTo(3);
        assertThat(summary.retried()).isEqualTo(1);
        assertThat(summary.failovers()).isZero();
        assertThat(first.requests()).as("pin, pin again, user").hasSize(3);
        assertThat(first.requests().get(1).body()).isEqualTo(first.requests().get(0).body());
        assertThat(second.requests()).as("geo").hasSize(1);
    }

    @Test
    void whenNoGatewayTakesTheConnectionTheAttemptFailsAndBacksOff() throws Exception {
        EmulatorSummary summary = run(List.of(refusing(first), refusing(second)),
                o -> o.count(1).concurrency(1).maxAttempts(2));

        assertThat(summary.acknowledged()).isZero();
        assertThat(summary.inDoubtTotal()).isZero();
        assertThat(summary.retried()).isEqualTo(3);
        assertThat(summary.failedTotal()).isEqualTo(3);
        assertThat(summary.failed().keySet()).allSatisfy(reason -> assertThat(reason)
                .startsWith("unreachable: ConnectException"));
        assertThat(summary.failovers()).as("the first request tried the second gateway").isPositive();
        assertThat(summary.gateways()).allSatisfy(gateway -> assertThat(gateway.refused()).isPositive());
    }

    @Test
    void gatewaysMustBeDistinctHttpUrls() {
        assertThatThrownBy(() -> EmulatorOptions.builder().gateways(List.of(first.uri(),
                URI.create(first.uri() + "/"))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is listed twice");
        assertThatThrownBy(() -> EmulatorOptions.builder().gateways(List.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("1-16 gateways are needed, got 0");
        assertThatThrownBy(() -> EmulatorOptions.builder().gateways(List.of(first.uri(),
                URI.create("ftp://u:s3cr3t@host"))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway 'ftp://[hidden]@host' must be an http:// or https:// URL");
        assertThat(EmulatorOptions.builder().gateways(List.of(first.uri(), second.uri())).build().toString())
                .contains("gateways=[" + first.uri() + ", " + second.uri() + "]");
    }
}
