package io.pinpipe.emulator.post;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseReaderTest {

    private final ResponseReader reader = new ResponseReader();

    private ResponseReader.Answer read(Mode mode, int records, int status, String body) {
        return reader.read(mode, records, status, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    @Test
    void restProxyOffsetsAcknowledgeRecordByRecord() {
        var answer = read(Mode.BATCH, 3, 200, "{\"offsets\":[{\"partition\":0,\"offset\":12,\"error_code\":null,"
                + "\"error\":null},{\"partition\":0,\"offset\":null,\"error_code\":2,\"error\":\"not leader\"},"
                + "{\"partition\":null,\"offset\":null,\"error_code\":1,\"error\":\"too large\"}],"
                + "\"key_schema_id\":null,\"value_schema_id\":null}");
        assertThat(answer.results()).containsExactly(RecordResult.ACKNOWLEDGED,
                RecordResult.retriable("record error_code 2: not leader"),
                RecordResult.failed("record error_code 1: too large"));
    }

    @Test
    void confluentsRetriableKafkaErrorIsRetriedAndItsPlainKafkaErrorIsNot() {
        var answer = read(Mode.BATCH, 2, 200, "{\"offsets\":[{\"partition\":null,\"offset\":null,"
                + "\"error_code\":50003,\"error\":\"timeout\"},{\"partition\":null,\"offset\":null,"
                + "\"error_code\":50002,\"error\":\"corrupt\"}]}");
        assertThat(answer.results()).containsExactly(RecordResult.retriable("record error_code 50003: timeout"),
                RecordResult.failed("record error_code 50002: corrupt"));
    }

    @Test
    void fewerOffsetsThanRecordsLeavesTheRestUnacknowledged() {
        var answer = read(Mode.BATCH, 2, 200, "{\"offsets\":[{\"partition\":0,\"offset\":1,\"error_code\":null}]}");
        assertThat(answer.results().get(0).acknowledged()).isTrue();
        assertThat(answer.results().get(1).acknowledged()).isFalse();
        assertThat(answer.results().get(1).retriable()).isFalse();
    }

    @Test
    void okWithAnUnreadableBodyAcknowledgesNothing() {
        var answer = read(Mode.BATCH, 1, 200, "<html>ok</html>");
        assertThat(answer.results().get(0).acknowledged()).isFalse();
        assertThat(answer.results().get(0).reason()).startsWith("unacknowledged");
    }

    @Test
    void errorEnvelopeNamesStatusCodeAndMessage() {
        var answer = read(Mode.BATCH, 2, 404, "{\"error_code\":40401,\"message\":\"Topic not found.\"}");
        assertThat(answer.results()).containsOnly(RecordResult.failed("HTTP 404 40401: Topic not found."));
    }

    @Test
    void aPartialFailureAcknowledgesTheWrittenRecordsSoOnlyTheFailedOnesAreSentAgain() {
        var answer = read(Mode.BATCH, 2, 503, "{\"offsets\":[{\"partition\":0,\"offset\":7,\"error_code\":null,"
                + "\"error\":null},{\"partition\":null,\"offset\":null,\"error_code\":2,\"error\":\"timed out\"}],"
                + "\"error_code\":50003,\"message\":\"1 of 2 records were not written: timed out\"}");
        assertThat(answer.results()).containsExactly(RecordResult.ACKNOWLEDGED,
                RecordResult.retriable("record error_code 2: timed out"));

        var streams = read(Mode.STREAM, 2, 503, "{\"Records\":[{\"SequenceNumber\":\"4\"},"
                + "{\"ErrorCode\":\"ServiceUnavailable\",\"ErrorMessage\":\"later\"}]}");
        assertThat(streams.results()).containsExactly(RecordResult.ACKNOWLEDGED,
                RecordResult.retriable("ServiceUnavailable: later"));

        assertThat(read(Mode.BATCH, 2, 503, "{\"offsets\":[{\"partition\":0,\"offset\":7}]}").results())
                .as("a list that does not cover every record is not trusted").containsOnly(RecordResult.retriable(
                        "HTTP 503"));
    }

    @Test
    void serverTroubleIsRetriableAndRetryAfterIsKept() {
        var answer = reader.read(Mode.BATCH, 1, 503, new byte[0], Optional.of("2"));
        assertThat(answer.results().get(0).retriable()).isTrue();
        assertThat(answer.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(read(Mode.BATCH, 1, 422, "{}").results().get(0).retriable()).isFalse();
        assertThat(read(Mode.BATCH, 1, 413, "").results().get(0).retriable()).isFalse();
        assertThat(read(Mode.BATCH, 1, 429, "").results().get(0).retriable()).isTrue();
    }

    @Test
    void kinesisPutRecordsMarksFailedEntries() {
        var answer = read(Mode.STREAM, 3, 200, "{\"FailedRecordCount\":2,\"Records\":[{\"SequenceNumber\":\"1\","
                + "\"ShardId\":\"shardId-000000000000\"},{\"ErrorCode\":\"ProvisionedThroughputExceededException\","
                + "\"ErrorMessage\":\"slow down\"},{\"ErrorCode\":\"ValidationException\",\"ErrorMessage\":\"bad\"}]}");
        assertThat(answer.results()).containsExactly(RecordResult.ACKNOWLEDGED,
                RecordResult.retriable("ProvisionedThroughputExceededException: slow down"),
                RecordResult.failed("ValidationException: bad"));
    }

    @Test
    void kinesisPutRecordNeedsASequenceNumber() {
        assertThat(read(Mode.STREAM, 1, 200, "{\"SequenceNumber\":\"49\",\"ShardId\":\"shardId-1\"}").results())
                .containsExactly(RecordResult.ACKNOWLEDGED);
        assertThat(read(Mode.STREAM, 1, 200, "{}").results().get(0).acknowledged()).isFalse();
    }

    @Test
    void aRequestNoGatewayTookIsRetriableAndNamesTheCause() {
        var answer = reader.unreached(2, new ConnectException("Connection refused"));
        assertThat(answer.results())
                .containsOnly(RecordResult.retriable("unreachable: ConnectException: Connection refused"));
        assertThat(reader.unreached(1, new ConnectException()).results().get(0).reason())
                .isEqualTo("unreachable: ConnectException");
    }

    @Test
    void aLostAnswerNamesTheFirstMessageAlongTheCauses() {
        assertThat(ResponseReader.lostAnswer(new IOException(null, new EOFException("EOF reached while reading"))))
                .isEqualTo("no answer: IOException: EOF reached while reading");
    }
}
