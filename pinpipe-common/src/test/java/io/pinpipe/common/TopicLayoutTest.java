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
    void everyNameFromAnOffsetOnSortsAfterTheNameBeforeIt() {
        TopicLayout layout = TopicLayout.defaults();
        String before = layout.fileNameBefore("t", 3, 1_000).orElseThrow();

        assertThat(before).isEqualTo("t+3+0000000999.json");
        assertThat(layout.fileName("t", 3, 1_000, TopicLayout.JSON_EXTENSION)).isGreaterThan(before);
        assertThat(layout.fileName("t", 3, 998, TopicLayout.JSON_EXTENSION)).isLessThan(before);
        assertThat(layout.fileName("t", 3, 0, TopicLayout.JSON_EXTENSION)).startsWith(layout.filePrefix("t", 3));
    }

    @Test
    void narrowPadsAndTheFirstOffsetHaveNoNameBefore() {
        // With 3 digits, offset 1000 ("t+3+1000") would sort before offset 999's name.
        assertThat(new TopicLayout("topics", 3).fileNameBefore("t", 3, 500)).isEmpty();
        assertThat(TopicLayout.defaults().fileNameBefore("t", 3, 0)).isEmpty();
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
