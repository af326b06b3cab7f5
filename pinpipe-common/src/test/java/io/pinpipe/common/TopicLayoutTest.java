package io.pinpipe.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicLayoutTest {

    @Test
    void defaultLayoutMatchesConfluentS3Sink() {
        assertThat(TopicLayout.defaults().objectName("12c0d092d679.pin", 0, 42))
                .isEqualTo("topics/12c0d092d679.pin/partition=0/12c0d092d679.pin+0+0000000042.json");
    }

    @Test
    void offsetsWiderThanThePadAreWrittenWhole() {
        assertThat(new TopicLayout("lake/", 3).objectName("t", 2, 123456))
                .isEqualTo("lake/t/partition=2/t+2+123456.json");
    }

    @Test
    void emptyTopicsDirPutsTopicsAtTheRoot() {
        assertThat(new TopicLayout("", 10).partitionDir("a.b", 1)).isEqualTo("a.b/partition=1");
    }

    @Test
    void parsesItsOwnNamesIncludingTopicsWithPlusAndDots() {
        TopicLayout layout = TopicLayout.defaults();
        String name = layout.objectName("x.y+z", 7, 9_000_000_001L);

        assertThat(TopicLayout.parse(name)).contains(new TopicLayout.LakeFile("x.y+z", 7, 9_000_000_001L, ".json"));
    }

    @Test
    void parsesNamesUnderTimeBasedFolders() {
        assertThat(TopicLayout.parse("topics/a.pin/year=2024/month=01/day=02/a.pin+0+0000000005.json"))
                .contains(new TopicLayout.LakeFile("a.pin", 0, 5, ".json"));
    }

    @Test
    void ignoresFilesThatAreNotLakeFiles() {
        assertThat(TopicLayout.parse("topics/a.pin/partition=0/_SUCCESS")).isEmpty();
        assertThat(TopicLayout.parse("topics/a.pin/partition=0/.a.pin+0+0000000005.json.tmp")).isEmpty();
    }

    @Test
    void rejectsNegativeOffsets() {
        assertThatThrownBy(() -> TopicLayout.defaults().objectName("t", 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
