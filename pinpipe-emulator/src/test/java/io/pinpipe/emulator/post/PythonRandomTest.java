package io.pinpipe.emulator.post;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The expected values are CPython 3.11's own outputs for the same calls (see each test). */
class PythonRandomTest {

    @Test
    void seed100DrawsTheCourseSequence() {
        // The ids every student of the course streams (its emulator script): random.seed(100); each loop turn calls
        // random.randrange(0, 2) for its sleep, then random.randint(0, 11000).
        CourseDraws draws = new CourseDraws(100, 0, 11_000);
        List<Integer> ids = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> ids.add(draws.next()));
        assertThat(ids).containsExactly(7528, 2863, 5730, 8304, 8731, 1313, 4315, 10794, 5494, 5069, 2923, 3089,
                6063, 3454, 7554, 6145, 10625, 2959, 9875, 2418);
    }

    @Test
    void getrandbitsMatchesPythonForSeed100() {
        // random.Random(100).getrandbits(32) three times
        assertThat(words(new PythonRandom(100))).containsExactly(625644691L, 1973661107L, 1953896601L);
    }

    @Test
    void seedWiderThan32BitsUsesBothWords() {
        // random.Random(2**40 + 5).getrandbits(32) three times
        assertThat(words(new PythonRandom((1L << 40) + 5))).containsExactly(2166296868L, 2220160828L, 1153647273L);
    }

    /** Three getrandbits(32) outputs, unsigned as Python prints them. */
    private static List<Long> words(PythonRandom random) {
        List<Long> words = new ArrayList<>();
        IntStream.range(0, 3).forEach(i -> words.add(Integer.toUnsignedLong(random.getrandbits(32))));
        return words;
    }

    @Test
    void randintMatchesPythonForSmallRangesAndSeedZero() {
        // random.Random(0): [randint(1, 6) for _ in range(10)]
        PythonRandom random = new PythonRandom(0);
        List<Integer> rolls = new ArrayList<>();
        IntStream.range(0, 10).forEach(i -> rolls.add(random.randint(1, 6)));
        assertThat(rolls).containsExactly(4, 4, 1, 3, 5, 4, 4, 3, 4, 3);
    }

    @Test
    void negativeSeedIsItsAbsoluteValue() {
        // random.Random(-7): [randint(0, 11000) for _ in range(3)]
        PythonRandom random = new PythonRandom(-7);
        assertThat(List.of(random.randint(0, 11_000), random.randint(0, 11_000), random.randint(0, 11_000)))
                .containsExactly(5305, 2471, 6468);
    }

    @Test
    void largestBoundUses31Bits() {
        // random.Random(123456789): [randrange(0, 2**31 - 1) for _ in range(3)]
        PythonRandom random = new PythonRandom(123_456_789);
        assertThat(List.of(random.randbelow(Integer.MAX_VALUE), random.randbelow(Integer.MAX_VALUE),
                random.randbelow(Integer.MAX_VALUE))).containsExactly(1377397339, 949763006, 1164342591);
    }

    @Test
    void drawsStayInsideTheirRange() {
        CourseDraws draws = new CourseDraws(7, 5, 9);
        IntStream.range(0, 1_000).forEach(i -> assertThat(draws.next()).isBetween(5, 9));
    }

    @Test
    void emptyRangeIsRejected() {
        assertThatThrownBy(() -> new CourseDraws(1, 10, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10..9");
    }
}
