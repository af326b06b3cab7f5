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
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Load spread over two real HTTP servers on loopback, one of them failing in each way a gateway can fail. */
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
        try (SourceReader reader = new SourceReader(source);
             GatewayTransport transport = Emulator.newTransport(built)) {
            return new Emulator(built, reader, transport, drawn -> { }).run();
        }
    }

    @Test
    void healthyGatewaysShareTheCallsInTurn() throws Exception {
        EmulatorSummary summary = run(List.of(first.uri(), second.uri()), o -> o.concurrency(4));

        assertThat(summary.acknowledged()).isEqualTo(3L * DRAWS);
        assertThat(first.requests()).hasSize(15);
        assertThat(second.requests()).hasSize(15);
        assertThat(summary.gateways()).extracting(EmulatorSummary.GatewayCount::acknowledged)
                .containsExactly(15L, 15L);
        assertThat(summary.failovers()).isZero();
        assertThat(summary.describe()).contains("gateway " + first.uri() + ": 15 calls, 0 failed (no answer or 5xx),"
                + " 15 records acknowledged");
    }

    @Test
    void aRefusedConnectionFailsOverAtOnceAndCannotDuplicate() throws Exception {
        URI dead = first.uri();
        first.close();
        EmulatorSummary summary = run(List.of(dead, second.uri()), o -> o.concurrency(1));

        assertThat(summary.acknowledged()).isEqualTo(3L * DRAWS);
        assertThat(summary.failedTotal()).isZero();
        assertThat(summary.retried()).as("a failover is not a retry: no backoff, no attempt used").isZero();
        assertThat(summary.failovers()).isEqualTo(15);
        assertThat(summary.resentAfterLostAnswer()).as("a refused call was never written").isZero();
        assertThat(second.requests()).hasSize(3 * DRAWS);
        assertThat(summary.gateways()).containsExactly(
                new EmulatorSummary.GatewayCount(dead.toString(), 15, 15, 0),
                new EmulatorSummary.GatewayCount(second.uri().toString(), 30, 0, 30));
    }

    @Test
    void aServerErrorFailsOverWithTheSameBytes() throws Exception {
        first.answering((request, number) -> FakeGateway.Reply.json(503,
                "{\"error_code\":50301,\"message\":\"shutting down\"}"));
        EmulatorSummary summary = run(List.of(first.uri(), second.uri()), o -> o.concurrency(1));

        assertThat(summary.acknowledged()).isEqualTo(3L * DRAWS);
        assertThat(summary.failovers()).isEqualTo(15);
        assertThat(first.requests()).hasSize(15);
        List<String> refused = first.requests().stream().map(FakeGateway.Request::bodyText).toList();
        assertThat(second.requests().stream().map(FakeGateway.Request::bodyText).toList()).containsAll(refused);
    }

    @Test
    void aLostAnswerFailsOverAndIsCountedAsAPossibleDuplicate() throws Exception {
        first.answering((request, number) -> FakeGateway.Reply.DROP);
        EmulatorSummary summary = run(List.of(first.uri(), second.uri()), o -> o.concurrency(1));

        assertThat(summary.acknowledged()).isEqualTo(3L * DRAWS);
        assertThat(summary.failovers()).isEqualTo(15);
        assertThat(summary.resentAfterLostAnswer()).isEqualTo(15);
        assertThat(summary.describe()).contains("failovers 15; records re-sent after a lost answer 15");
    }

    @Test
    void whenEveryGatewayFailsTheCallBacksOffAndCountsOneAttempt() throws Exception {
        FakeGateway.Script unavailable = (request, number) -> new FakeGateway.Reply(503, Map.of(), "");
        first.answering(unavailable);
        second.answering(unavailable);
        EmulatorSummary summary = run(List.of(first.uri(), second.uri()), o -> o.count(1).maxAttempts(2));

        assertThat(summary.acknowledged()).isZero();
        assertThat(summary.failed()).isEqualTo(Map.of("HTTP 503", 3L));
        assertThat(summary.retried()).isEqualTo(3);
        assertThat(first.requests().size() + second.requests().size()).as("2 attempts x 2 gateways x 3 records")
                .isEqualTo(12);
    }

    @Test
    void theSameGatewayTwiceIsRefused() {
        assertThatThrownBy(() -> EmulatorOptions.builder().gateways(List.of(first.uri(), first.uri())).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }
}
