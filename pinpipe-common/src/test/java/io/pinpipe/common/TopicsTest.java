package io.pinpipe.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void namesFollowTheCourse() {
        Topics topics = new Topics("12c0d092d679");

        assertThat(topics.batchTopics()).containsExactly("12c0d092d679.pin", "12c0d092d679.geo", "12c0d092d679.user");
        assertThat(topics.streaming(SourceTable.GEO)).isEqualTo("streaming-12c0d092d679-geo");
        assertThat("12c0d092d679.user").matches(topics.batchTopicsRegex());
        assertThat("12c0d092d679x.user").doesNotMatch(topics.batchTopicsRegex());
    }

    @Test
    void rejectsUserIdsKafkaCannotName() {
        assertThatThrownBy(() -> new Topics("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Topics("")).isInstanceOf(IllegalArgumentException.class);
    }
}
