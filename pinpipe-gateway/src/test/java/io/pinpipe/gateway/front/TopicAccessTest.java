package io.pinpipe.gateway.front;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class TopicAccessTest {

    private final TopicAccess access = new TopicAccess(Pattern.compile("(?!secret).*"));

    @Test
    void aSubscriptionPatternIsNarrowedToTheAllowList() {
        Pattern narrowed = access.narrow(Optional.empty(), Pattern.compile(".*"));
        assertThat(narrowed.matcher("report.pin").matches()).isTrue();
        assertThat(narrowed.matcher("secret").matches()).isFalse();
    }

    @Test
    void aSubscriptionPatternIsNarrowedToTheKeysTopicsToo() {
        ApiKey key = ApiKey.parse("k topics=report[.].*");
        Pattern narrowed = access.narrow(Optional.of(key), Pattern.compile(".*[.]pin|secret"));
        assertThat(narrowed.matcher("report.pin").matches()).isTrue();
        assertThat(narrowed.matcher("other.pin").matches()).isFalse();
        assertThat(narrowed.matcher("secret").matches()).isFalse();
    }

    @Test
    void theRequestedPatternStillDecidesInsideTheLists() {
        Pattern narrowed = access.narrow(Optional.empty(), Pattern.compile("a.*"));
        assertThat(narrowed.matcher("abc").matches()).isTrue();
        assertThat(narrowed.matcher("bcd").matches()).isFalse();
    }
}
