package io.pinpipe.emulator.dataset;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.UserRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator's contract and the per-row format rules of the real sample, checked on every generated row. */
class DatasetGeneratorTest {

    private static final Pattern UUID4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern FOLLOWERS = Pattern.compile("0|[1-9][0-9]{0,2}|[1-9][0-9]{0,2}k|[1-9]M|1[0-5]M");
    private static final Pattern ORIGINAL = Pattern.compile(
            "https://i\\.pinimg\\.com/originals/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{2})/\\1\\2\\3[0-9a-f]{26}"
                    + "\\.(jpg|png|webp|gif)");
    private static final Pattern THUMBNAIL = Pattern.compile(
            "https://i\\.pinimg\\.com/videos/thumbnails/originals/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{2})/"
                    + "\\1\\2\\3[0-9a-f]{26}(\\.0000001|-00001)\\.jpg");
    private static final Pattern SIX_DIGITS = Pattern.compile("-?[0-9]{1,3}\\.[0-9]{1,7}");

    private static final List<SourceRow> ROWS = new DatasetGenerator(42, 5_000).rows().toList();

    @Test
    void sameSeedAndRowCountGiveEqualRows() {
        assertThat(new DatasetGenerator(42, 5_000).rows().toList()).isEqualTo(ROWS);
    }

    @Test
    void anotherSeedGivesOtherRows() {
        List<SourceRow> other = new DatasetGenerator(43, 5_000).rows().toList();
        long same = 0;
        for (int i = 0; i < other.size(); i++) {
            same += other.get(i).pin().uniqueId().equals(ROWS.get(i).pin().uniqueId()) ? 1 : 0;
        }
        assertThat(same).isZero();
        assertThat(other.get(0).user()).isNotEqualTo(ROWS.get(0).user());
    }

    @Test
    void rowByIdIsTheSameAsTheStreamsElement() {
        DatasetGenerator generator = new DatasetGenerator(42, 5_000);
        for (int id : new int[] {0, 1, 17, 2_500, 4_999}) {
            assertThat(generator.row(id)).isEqualTo(ROWS.get(id));
        }
        assertThatThrownBy(() -> generator.row(5_000)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void idsRunFromZeroAndTheThreeRecordsOfARowShareTheirId() {
        for (int i = 0; i < ROWS.size(); i++) {
            SourceRow row = ROWS.get(i);
            assertThat(List.of(row.id(), row.pin().index(), row.geo().ind(), row.user().ind())).containsOnly(i);
        }
    }

    @Test
    void rowCountsOutsideOneToIntMaxAreRejectedWithTheLimitInTheMessage() {
        for (long rows : new long[] {0, -1, DatasetGenerator.MAX_ROWS + 1}) {
            assertThatThrownBy(() -> new DatasetGenerator(1, rows)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("between 1 and " + DatasetGenerator.MAX_ROWS);
        }
    }

    @Test
    void perRowWorkDoesNotDependOnTheTableSize() {
        // A generator of the largest size is built at once and gives any row on its own: nothing is kept per row
        // or per person, so memory and per-row work are the same at 11 thousand or 2 billion rows.
        DatasetGenerator huge = new DatasetGenerator(42, DatasetGenerator.MAX_ROWS);
        SourceRow last = huge.row(DatasetGenerator.MAX_ROWS - 1);
        assertThat(last.id()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(last.pin().category()).isEqualTo("vehicles");
        assertThat(huge.row(0).pin().category()).isEqualTo("art");
        assertThat(huge.rows().limit(3).map(SourceRow::id).toList()).containsExactly(0, 1, 2);
    }

    @Test
    void categoryBlocksFollowTheRealOrderWithoutInterleaving() {
        List<String> blocks = new ArrayList<>();
        for (SourceRow row : ROWS) {
            String category = row.pin().category();
            if (blocks.isEmpty() || !blocks.get(blocks.size() - 1).equals(category)) {
                blocks.add(category);
            }
        }
        assertThat(blocks).containsExactly("art", "beauty", "christmas", "diy-and-crafts", "education",
                "event-planning", "finance", "home-decor", "mens-fashion", "quotes", "tattoos", "travel", "vehicles");
    }

    @Test
    void pinColumnsHaveTheirRealFormats() {
        Set<String> ids = new HashSet<>();
        for (SourceRow row : ROWS) {
            PinRecord pin = row.pin();
            assertThat(pin.uniqueId()).matches(UUID4);
            assertThat(ids.add(pin.uniqueId())).as("unique_id %s repeated", pin.uniqueId()).isTrue();
            assertThat(pin.followerCount()).matches(f -> FOLLOWERS.matcher(f).matches()
                    || f.equals(People.USER_INFO_ERROR), "follower count format");
            assertThat(pin.saveLocation()).isEqualTo("Local save in /data/" + pin.category());
            assertThat(pin.isImageOrVideo()).isIn(Pins.IMAGE, Pins.VIDEO, Pins.STORY);
            assertThat(pin.description().length()).isBetween(3, 182);
            assertThat(pin.title().length()).isLessThanOrEqualTo(260);
            if (!pin.tagList().equals(Pins.NO_TAGS)) {
                assertThat(pin.tagList()).doesNotContain(", ").doesNotStartWith(",").doesNotEndWith(",");
                assertThat(pin.tagList().length()).isBetween(33, 254);
            }
        }
    }

    @Test
    void imageSourcesFollowTheKindOfPin() {
        for (SourceRow row : ROWS) {
            PinRecord pin = row.pin();
            if (pin.imageSrc().equals(Pins.IMAGE_ERROR)) {
                assertThat(pin.isImageOrVideo()).isEqualTo(Pins.STORY);
                assertThat(pin.downloaded()).isZero();
            } else {
                assertThat(pin.downloaded()).isOne();
                assertThat(pin.imageSrc()).matches(pin.isImageOrVideo().equals(Pins.IMAGE) ? ORIGINAL : THUMBNAIL);
            }
        }
    }

    @Test
    void storyDescriptionIsOnEveryStoryRowAndOnlyThere() {
        for (SourceRow row : ROWS) {
            PinRecord pin = row.pin();
            assertThat(pin.description().equals(Pins.STORY_DESCRIPTION))
                    .isEqualTo(pin.isImageOrVideo().equals(Pins.STORY));
        }
    }

    @Test
    void userInfoErrorRowsCarryEveryPlaceholderAndAreStoryPages() {
        List<PinRecord> errors = ROWS.stream().map(SourceRow::pin)
                .filter(pin -> pin.posterName().equals(People.USER_INFO_ERROR)).toList();
        assertThat(errors).isNotEmpty();
        for (PinRecord pin : errors) {
            assertThat(pin.followerCount()).isEqualTo(People.USER_INFO_ERROR);
            assertThat(pin.title()).isEqualTo(Pins.NO_TITLE);
            assertThat(pin.tagList()).isEqualTo(Pins.NO_TAGS);
            assertThat(pin.isImageOrVideo()).isEqualTo(Pins.STORY);
            assertThat(pin.imageSrc()).isEqualTo(Pins.IMAGE_ERROR);
        }
        assertThat(ROWS.stream().filter(r -> r.pin().title().equals(Pins.NO_TITLE)).count()).isEqualTo(errors.size());
    }

    @Test
    void geoRowsStayInTheRealRangesWithSixSignificantDigits() {
        for (SourceRow row : ROWS) {
            GeoRecord geo = row.geo();
            assertThat(geo.latitude()).isStrictlyBetween(-90.0, 90.0).isNotZero();
            assertThat(geo.longitude()).isStrictlyBetween(-180.0, 180.0).isNotZero();
            assertThat(Floats.shortest(geo.latitude())).matches(SIX_DIGITS);
            assertThat(Floats.shortest(geo.longitude())).matches(SIX_DIGITS);
            assertThat(geo.timestamp()).isBetween(DatasetGenerator.FIRST_POST, DatasetGenerator.LAST_POST);
        }
    }

    @Test
    void usersAreAdultsWhoJoinedInTheRealWindowWithShortNames() {
        for (SourceRow row : ROWS) {
            UserRecord user = row.user();
            assertThat(user.age()).isBetween(20, 60);
            assertThat(user.dateJoined()).isBetween(LocalDateTime.of(2015, 10, 21, 3, 17, 47),
                    LocalDateTime.of(2017, 10, 20, 10, 44, 26));
            assertThat(user.firstName().length()).isBetween(1, 11);
            assertThat(user.lastName().length()).isBetween(1, 11);
        }
    }

    @Test
    void everyPostIsAfterItsPosterJoined() {
        for (SourceRow row : ROWS) {
            assertThat(row.geo().timestamp()).isAfter(row.user().dateJoined());
        }
    }

    @Test
    void aPersonKeepsOneLocationOnePosterNameAndOneFollowerCount() {
        Map<String, Set<String>> perPerson = new HashMap<>();
        for (SourceRow row : ROWS) {
            UserRecord user = row.user();
            String person = user.firstName() + "|" + user.lastName() + "|" + user.age() + "|" + user.dateJoined();
            perPerson.computeIfAbsent(person, key -> new HashSet<>()).add(row.geo().latitude() + "|"
                    + row.geo().longitude() + "|" + row.geo().country() + "|" + row.pin().posterName() + "|"
                    + row.pin().followerCount());
        }
        assertThat(perPerson.values().stream().filter(set -> set.size() > 1).count()).isZero();
        Map<Integer, Long> sizes = ROWS.stream().collect(Collectors.groupingBy(
                r -> r.user().firstName().hashCode() * 31 + r.user().dateJoined().hashCode(), Collectors.counting()))
                .values().stream().collect(Collectors.groupingBy(Long::intValue, Collectors.counting()));
        assertThat(sizes.keySet()).as("some people post many times").anyMatch(size -> size >= 10);
    }
}
