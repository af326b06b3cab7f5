package io.pinpipe.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    private final Json json = new Json(8);

    private String roundTrip(String text) {
        return new String(json.bytes(json.read(Buffer.buffer(text))), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.10", "1e400", "-1E-400", "-0", "-0.0", "1E+2", "0.0000001",
            "123456789012345678901234567890", "-9223372036854775809", "2147483648", "0", "-7",
            "3.141592653589793238462643383279"})
    void everyNumberIsWrittenAsItsOwnText(String number) {
        assertThat(roundTrip(number)).isEqualTo(number);
        assertThat(roundTrip("{\"v\":[" + number + "]}")).isEqualTo("{\"v\":[" + number + "]}");
    }

    @Test
    void keysKeepTheirOrderAndStringsTheirCharacters() {
        assertThat(roundTrip("{ \"z\" : 1 , \"a\" : { \"\\u00e9t\\u00e9\" : \"\\ud83d\\ude00\\n\" }, \"m\" : null }"))
                .isEqualTo("{\"z\":1,\"a\":{\"été\":\"\\uD83D\\uDE00\\n\"},\"m\":null}");
    }

    @Test
    void exactNumbersStillAnswerAsNumbers() {
        JsonNode node = json.read(Buffer.buffer("{\"a\":1.50,\"b\":-0,\"c\":1e400}"));
        assertThat(node.get("a").isNumber()).isTrue();
        assertThat(node.get("a").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(node.get("b").isIntegralNumber()).isTrue();
        assertThat(node.get("b").canConvertToInt()).isTrue();
        assertThat(node.get("c").canConvertToLong()).isFalse();
        assertThat(node.get("c").isIntegralNumber()).isFalse();
    }

    @Test
    void aNumberNoBigDecimalCanHoldIsStillStoredAsSent() {
        assertThat(roundTrip("[1e9999999999]")).isEqualTo("[1e9999999999]");
        assertThat(json.read(Buffer.buffer("1e9999999999")).canConvertToInt()).isFalse();
    }

    @Test
    void anUnpairedSurrogateEscapeIsKeptAsAnEscape() {
        assertThat(roundTrip("{\"v\":\"\\ud800\"}")).isEqualTo("{\"v\":\"\\uD800\"}");
    }

    @Test
    void strictRulesHold() {
        for (String bad : new String[] {"{\"a\":1,\"a\":2}", "{} x", "[[[[[[[[[[1]]]]]]]]]]", "{\"a\":01}", "NaN"}) {
            assertThatThrownBy(() -> json.read(Buffer.buffer(bad))).as(bad)
                    .isInstanceOfSatisfying(RestException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> json.read(Buffer.buffer(new byte[] {'"', (byte) 0xC3, '"'})))
                .isInstanceOf(RestException.class);
    }

    @Test
    void optionalBodiesMayBeAbsentOrBlank() {
        assertThat(json.readIfPresent(null)).isNull();
        assertThat(json.readIfPresent(Buffer.buffer(" \n"))).isNull();
        assertThat(json.readIfPresent(Buffer.buffer("{}"))).isEmpty();
    }
}
