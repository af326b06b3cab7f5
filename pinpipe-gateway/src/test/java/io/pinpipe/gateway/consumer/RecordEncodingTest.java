package io.pinpipe.gateway.consumer;

import io.pinpipe.gateway.http.RestException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordEncodingTest {

    @Test
    void jsonValuesAreCopiedWithTheirExactNumbers() {
        RecordEncoding.Answer answer = new RecordEncoding(EmbeddedFormat.JSON).answer();
        answer.add(record(null, "{\"p\":1.10,\"q\":1e400,\"s\":\"\\u00e9\"}"));
        answer.add(record("\"k\"", "[1, 2]"));
        assertThat(new String(answer.finish(), StandardCharsets.UTF_8)).isEqualTo("["
                + "{\"topic\":\"t\",\"key\":null,\"value\":{\"p\":1.10,\"q\":1e400,\"s\":\"\\u00e9\"},\"partition\":2,"
                + "\"offset\":7},"
                + "{\"topic\":\"t\",\"key\":\"k\",\"value\":[1, 2],\"partition\":2,\"offset\":7}]");
    }

    @Test
    void binaryValuesAreBase64OfTheirBytes() {
        byte[] raw = {0, (byte) 0xff, 'a', '"', '\n'};
        RecordEncoding.Answer answer = new RecordEncoding(EmbeddedFormat.BINARY).answer();
        answer.add(new ConsumerRecord<>("t", 2, 7, null, raw));
        assertThat(new String(answer.finish(), StandardCharsets.UTF_8)).isEqualTo("[{\"topic\":\"t\",\"key\":null,"
                + "\"value\":\"" + Base64.getEncoder().encodeToString(raw) + "\",\"partition\":2,\"offset\":7}]");
    }

    @Test
    void aJsonValueThatIsNotExactlyOneJsonValueIsRefusedAndNotWritten() {
        RecordEncoding.Answer answer = new RecordEncoding(EmbeddedFormat.JSON).answer();
        for (String bad : new String[] {"", "  ", "{\"a\":1} 2", "{\"a\":", "not json"}) {
            assertThatThrownBy(() -> answer.add(record(null, bad))).isInstanceOf(RestException.class)
                    .hasMessageContaining("t/2@7 is not JSON");
        }
        assertThatThrownBy(() -> answer.add(new ConsumerRecord<>("t", 2, 7, null, new byte[] {'"', (byte) 0xc3, '"'})))
                .isInstanceOf(RestException.class);
        assertThat(answer.isEmpty()).isTrue();
        assertThat(new String(answer.finish(), StandardCharsets.UTF_8)).isEqualTo("[]");
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, String value) {
        return new ConsumerRecord<>("t", 2, 7, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }
}
