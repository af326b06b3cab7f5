package io.pinpipe.gateway.consumer;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BaseUriTest {

    @Test
    void theHostHeaderAndPathMakeTheBaseUri() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Host", "gateway:8082");
        assertThat(BaseUri.of(headers, "http", "127.0.0.1:8082", "/consumers/g", "g", "c1"))
                .isEqualTo("http://gateway:8082/consumers/g/instances/c1");
    }

    @Test
    void aStagePrefixInThePathIsKept() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Host", "h");
        assertThat(BaseUri.of(headers, "http", "h", "/test/consumers/g", "g", "c1"))
                .isEqualTo("http://h/test/consumers/g/instances/c1");
    }

    @Test
    void forwardedHeadersWinAndOnlyTheirFirstValueCounts() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Host", "internal:8082")
                .add("X-Forwarded-Proto", "https, http").add("X-Forwarded-Host", "api.example.com, proxy")
                .add("X-Forwarded-Prefix", "/edge/");
        assertThat(BaseUri.of(headers, "http", "internal:8082", "/test/consumers/g", "g", "c1"))
                .isEqualTo("https://api.example.com/edge/test/consumers/g/instances/c1");
    }

    @Test
    void withoutAHostHeaderTheRequestAuthorityIsUsed() {
        assertThat(BaseUri.of(MultiMap.caseInsensitiveMultiMap(), "http", "127.0.0.1:9", "/consumers/g", "g", "c"))
                .isEqualTo("http://127.0.0.1:9/consumers/g/instances/c");
    }

    @Test
    void groupAndInstanceNamesArePercentEncoded() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Host", "h");
        assertThat(BaseUri.of(headers, "http", "h", "/consumers/my%20group", "my group", "a+b"))
                .isEqualTo("http://h/consumers/my%20group/instances/a%2Bb");
    }
}
