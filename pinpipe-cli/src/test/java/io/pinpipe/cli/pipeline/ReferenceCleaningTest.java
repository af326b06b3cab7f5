package io.pinpipe.cli.pipeline;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.UserRecord;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference's cleaning follows docs/batch.md's cleaning rules on hand-built source rows. */
class ReferenceCleaningTest {

    private static final LocalDateTime WHEN = LocalDateTime.of(2020, 8, 28, 3, 52, 47);

    @Test
    void followerCountsReadPlainThousandsAndMillions() {
        assertThat(ReferenceCleaning.followerCount("12k")).contains(12_000);
        assertThat(ReferenceCleaning.followerCount("1M")).contains(1_000_000);
        assertThat(ReferenceCleaning.followerCount("15M")).contains(15_000_000);
        assertThat(ReferenceCleaning.followerCount("159")).contains(159);
        assertThat(ReferenceCleaning.followerCount("0")).contains(0);
        assertThat(ReferenceCleaning.followerCount("1.2k")).isEmpty();
        assertThat(ReferenceCleaning.followerCount("12K")).isEmpty();
        assertThat(ReferenceCleaning.followerCount("")).isEmpty();
        assertThat(ReferenceCleaning.followerCount("9999M")).isEmpty();
    }

    @Test
    void corePlaceholdersBecomeNullAndTheSavePrefixGoes() {
        PinRecord raw = new PinRecord(7, "u-7", "No Title Data Available", "No description available Story format",
                "User Info Error", "User Info Error", "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",
                "multi-video(story page format)", "Image src error.", 0, "Local save in /data/art", "art");

        assertThat(ReferenceCleaning.pin(raw)).contains(new CleanRows.Pin(7, "u-7", null, null, null, null, null,
                "multi-video(story page format)", null, "/data/art", "art"));
    }

    @Test
    void valuesOnlyOtherRulesCallPlaceholdersStay() {
        PinRecord raw = pin(3, "Untitled", "No description available", "Ann", "2k", "/data/x");

        CleanRows.Pin clean = ReferenceCleaning.pin(raw).orElseThrow();

        assertThat(clean.title()).isEqualTo("Untitled");
        assertThat(clean.description()).isEqualTo("No description available");
        assertThat(clean.followerCount()).isEqualTo(2000);
        assertThat(clean.saveLocation()).isEqualTo("/data/x");
    }

    @Test
    void aPinWithAnUnreadableFollowerCountIsLeftOutLikeTheQuarantine() {
        assertThat(ReferenceCleaning.pin(pin(1, "t", "d", "Ann", "lots", "Local save in /data/art"))).isEmpty();
    }

    @Test
    void geoAndUserRowsGetCoordinatesAndAUserName() {
        assertThat(ReferenceCleaning.geo(new GeoRecord(4, WHEN, -89.9787, 2.5748, "Albania")))
                .isEqualTo(new CleanRows.Geo(4, "Albania", List.of(-89.9787, 2.5748), WHEN));
        assertThat(ReferenceCleaning.user(new UserRecord(4, "Ada", "Lovelace", 36, WHEN)))
                .isEqualTo(new CleanRows.User(4, "Ada Lovelace", 36, WHEN));
        assertThat(ReferenceCleaning.userName(null, "Lovelace")).isEqualTo("Lovelace");
        assertThat(ReferenceCleaning.userName(null, null)).isNull();
    }

    @Test
    void repeatedDrawsGiveOneRowPerIndOrderedByInd() {
        List<SourceRecord> drawn = List.of(pin(9, "a", "b", "P", "1k", "x"), new GeoRecord(9, WHEN, 1, 2, "C"),
                pin(2, "a", "b", "P", "1k", "x"), pin(9, "a", "b", "P", "1k", "x"),
                new UserRecord(9, "A", "B", 20, WHEN), new UserRecord(9, "A", "B", 20, WHEN));

        ReferenceTables tables = ReferenceCleaning.tables(drawn);

        assertThat(tables.pins()).extracting(CleanRows.Pin::ind).containsExactly(2, 9);
        assertThat(tables.geos()).hasSize(1);
        assertThat(tables.users()).hasSize(1);
    }

    @Test
    void twoDifferentRowsForOneIndAreRefused() {
        List<SourceRecord> drawn = List.of(pin(9, "a", "b", "P", "1k", "x"), pin(9, "other", "b", "P", "1k", "x"));

        assertThatThrownBy(() -> ReferenceCleaning.tables(drawn)).hasMessageContaining("ind 9");
    }

    private static PinRecord pin(int index, String title, String description, String poster, String followers,
                                 String save) {
        return new PinRecord(index, "u-" + index, title, description, poster, followers, "a,b", "image",
                "https://i.pinimg.com/x.jpg", 1, save, "art");
    }
}
