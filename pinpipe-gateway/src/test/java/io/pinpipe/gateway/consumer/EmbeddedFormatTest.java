package io.pinpipe.gateway.consumer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedFormatTest {

    @Test
    void theAcceptHeaderPicksTheFormatAndBinaryIsTheDefault() {
        assertThat(EmbeddedFormat.fromAccept("application/vnd.kafka.json.v2+json")).contains(EmbeddedFormat.JSON);
        assertThat(EmbeddedFormat.fromAccept("application/vnd.kafka.binary.v2+json")).contains(EmbeddedFormat.BINARY);
        assertThat(EmbeddedFormat.fromAccept(null)).contains(EmbeddedFormat.BINARY);
        assertThat(EmbeddedFormat.fromAccept("*/*")).contains(EmbeddedFormat.BINARY);
        assertThat(EmbeddedFormat.fromAccept("application/vnd.kafka.v2+json")).contains(EmbeddedFormat.BINARY);
        assertThat(EmbeddedFormat.fromAccept("application/vnd.kafka.json.v2+json, application/json;q=0.5"))
                .contains(EmbeddedFormat.JSON);
    }

    @Test
    void schemaRegistryFormatsAreNeverServed() {
        assertThat(EmbeddedFormat.fromAccept("application/vnd.kafka.avro.v2+json")).isEmpty();
        assertThat(EmbeddedFormat.fromAccept("application/vnd.kafka.protobuf.v2+json")).isEmpty();
        assertThatThrownBy(() -> EmbeddedFormat.fromRequest("avro")).hasMessageContaining("Invalid format type");
    }

    @Test
    void theCreateRequestFormatIsCaseInsensitiveAndDefaultsToBinary() {
        assertThat(EmbeddedFormat.fromRequest(null)).isEqualTo(EmbeddedFormat.BINARY);
        assertThat(EmbeddedFormat.fromRequest("JSON")).isEqualTo(EmbeddedFormat.JSON);
    }
}
