package io.pinpipe.cli.pipeline;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.pinpipe.cli.pipeline.Answer.row;
import static org.assertj.core.api.Assertions.assertThat;

/** The reference answers follow docs/batch.md's semantics on tiny hand-built tables: ties, medians, nulls, order. */
class ReferenceAnswersTest {

    private final List<CleanRows.Pin> pins = new ArrayList<>();
    private final List<CleanRows.Geo> geos = new ArrayList<>();
    private final List<CleanRows.User> users = new ArrayList<>();

    @Test
    void popularCategoryPerCountryReturnsEveryTieAndIgnoresNulls() {
        post(1, "beauty", "B", 2018);
        post(2, "art", "B", 2018);
        post(3, "art", "B", 2018);
        post(4, "beauty", "B", 2018);
        post(5, "christmas", "B", 2018);
        post(6, "travel", "Albania", 2018);
        post(7, null, "Albania", 2018);
        post(8, null, "Albania", 2018);
        post(9, "quotes", null, 2018);

        assertThat(ReferenceAnswers.popularCategoryByCountry(joined()).rows()).containsExactly(
                row("Albania", "travel", 1L), row("B", "art", 2L), row("B", "beauty", 2L));
    }

    @Test
    void popularCategoryPerYearKeepsTheRangeAndOrdersByYear() {
        post(1, "art", "A", 2017);
        post(2, "art", "A", 2017);
        post(3, "travel", "A", 2022);
        post(4, "beauty", "A", 2018);
        post(5, "art", "A", 2018);
        post(6, "art", "A", 2023);

        assertThat(ReferenceAnswers.popularCategoryByYear(joined()).rows()).containsExactly(
                row(2018, "art", 1L), row(2018, "beauty", 1L), row(2022, "travel", 1L));
    }

    @Test
    void topPosterPerCountryTakesEachPostersBestPostAndKeepsTies() {
        poster(1, "Ann", 100, "A");
        poster(2, "Ann", 50, "A");
        poster(3, "Bob", 100, "A");
        poster(4, "Cat", null, "A");
        poster(5, null, 900, "A");
        poster(6, "Dan", 70, "B");
        poster(7, "Eve", 100, "C");

        assertThat(ReferenceAnswers.topPosterByCountry(joined()).rows()).containsExactly(
                row("A", "Ann", 100), row("A", "Bob", 100), row("B", "Dan", 70), row("C", "Eve", 100));
        assertThat(ReferenceAnswers.countryWithTopPoster(joined()).rows()).containsExactly(
                row("A", "Ann", 100), row("A", "Bob", 100), row("C", "Eve", 100));
    }

    @Test
    void popularCategoryPerAgeGroupListsUnder18AndUnknownLast() {
        postBy(1, "art", "Old", 60, 2016, 1);
        postBy(2, "art", "Kid", 15, 2016, 1);
        postBy(3, "beauty", "Nobody", null, 2016, 1);
        postBy(4, "art", "Young", 18, 2016, 1);
        postBy(5, "travel", "Young", 18, 2016, 1);
        postBy(6, "quotes", "Mid", 35, 2016, 1);
        postBy(7, "quotes", "Mid2", 36, 2016, 1);
        postBy(8, "quotes", "Fifty", 50, 2016, 1);
        postBy(9, "vehicles", "FiftyOne", 51, 2016, 1);

        assertThat(ReferenceAnswers.popularCategoryByAgeGroup(joined()).rows()).containsExactly(
                row("18-24", "art", 1L), row("18-24", "travel", 1L), row("25-35", "quotes", 1L),
                row("36-50", "quotes", 2L), row("+50", "art", 1L), row("+50", "vehicles", 1L),
                row("<18", "art", 1L), row("unknown", "beauty", 1L));
    }

    @Test
    void medianPerAgeGroupCountsEachPersonOnceWithTheirHighestCount() {
        // Ann posts twice: she is one person with 40 followers, not two values.
        postBy(1, "art", "Ann", 20, 2016, 10);
        postBy(2, "art", "Ann", 20, 2016, 40);
        postBy(3, "art", "Bob", 22, 2016, 20);
        postBy(4, "art", "Cat", 24, 2016, 1000);
        postBy(5, "art", "Dan", 30, 2016, 10);
        postBy(6, "art", "Eve", 31, 2016, 21);
        postBy(7, "art", "Nobody", null, 2016, null);

        assertThat(ReferenceAnswers.medianFollowersByAgeGroup(joined()).rows()).containsExactly(
                row("18-24", new BigDecimal("40"), 3L), row("25-35", new BigDecimal("15.5"), 2L),
                row("unknown", null, 0L));
    }

    @Test
    void joinedPerYearListsEveryYearWithZerosAndCountsPeopleNotPosts() {
        postBy(1, "art", "Ann", 20, 2015, 1);
        postBy(2, "art", "Ann", 20, 2015, 2);
        postBy(3, "art", "Bob", 20, 2017, 3);
        postBy(4, "art", "Old", 20, 2014, 3);
        postBy(5, "art", "New", 20, 2021, 3);

        assertThat(ReferenceAnswers.usersJoinedByYear(joined()).rows()).containsExactly(row(2015, 1L), row(2016, 0L),
                row(2017, 1L), row(2018, 0L), row(2019, 0L), row(2020, 0L));
    }

    @Test
    void medianPerJoinYearIsExactForEvenAndOddCountsAndNullWithoutCounts() {
        postBy(1, "art", "Ann", 20, 2015, 1);
        postBy(2, "art", "Bob", 30, 2015, 2);
        postBy(3, "art", "Cat", 40, 2016, 5);
        postBy(4, "art", "Dan", 40, 2016, 7);
        postBy(5, "art", "Eve", 40, 2016, 100);
        postBy(6, "art", "Fay", 40, 2017, null);
        postBy(7, "art", "Gus", 40, 2014, 9);

        assertThat(ReferenceAnswers.medianFollowersByJoinYear(joined()).rows()).containsExactly(
                row(2015, new BigDecimal("1.5"), 2L), row(2016, new BigDecimal("7"), 3L), row(2017, null, 0L));
    }

    @Test
    void medianPerAgeGroupAndJoinYearOrdersByGroupThenYear() {
        postBy(1, "art", "Ann", 60, 2016, 8);
        postBy(2, "art", "Bob", 20, 2017, 3);
        postBy(3, "art", "Cat", 20, 2016, 4);
        postBy(4, "art", "Dan", 20, 2016, 5);
        postBy(5, "art", "Kid", 12, 2015, 6);

        assertThat(ReferenceAnswers.medianFollowersByAgeGroupAndJoinYear(joined()).rows()).containsExactly(
                row("18-24", 2016, new BigDecimal("4.5"), 2L), row("18-24", 2017, new BigDecimal("3"), 1L),
                row("+50", 2016, new BigDecimal("8"), 1L), row("<18", 2015, new BigDecimal("6"), 1L));
    }

    @Test
    void aPersonIsNameAgeAndJoinDateSoAnAgeChangeMakesAnotherPerson() {
        postBy(1, "art", "Ann", 20, 2016, 10);
        postBy(2, "art", "Ann", 21, 2016, 30);

        assertThat(new ReferenceAnswers.Joined(tables()).people()).hasSize(2);
        assertThat(ReferenceAnswers.medianFollowersByAgeGroup(joined()).rows()).containsExactly(
                row("18-24", new BigDecimal("20"), 2L));
    }

    @Test
    void mediansOfLargeCountsStayExact() {
        assertThat(Medians.of(List.of(15_000_000, 1))).isEqualByComparingTo("7500000.5");
        assertThat(Medians.of(java.util.Arrays.asList(null, 3, null))).isEqualByComparingTo("3");
        assertThat(Medians.of(List.of())).isNull();
    }

    @Test
    void everyAnswerHasItsResultFileName() {
        assertThat(ReferenceAnswers.of(tables())).extracting(Answer::name).containsExactly(
                "q1_popular_category_by_country", "q2_popular_category_by_year", "q3_top_poster_by_country",
                "q3_country_with_top_poster", "q4_popular_category_by_age_group", "q5_median_followers_by_age_group",
                "q6_users_joined_by_year", "q7_median_followers_by_join_year",
                "q8_median_followers_by_age_group_and_join_year");
    }

    private ReferenceTables tables() {
        return new ReferenceTables(pins, geos, users);
    }

    private ReferenceAnswers.Joined joined() {
        return new ReferenceAnswers.Joined(tables());
    }

    /** A post of a category located in a country in a year, by a user of its own. */
    private void post(int ind, String category, String country, int year) {
        pins.add(new CleanRows.Pin(ind, "u" + ind, "t", "d", 1, "P" + ind, "a,b", "image", "src", "/data/x",
                category));
        geos.add(new CleanRows.Geo(ind, country, List.of(1.0, 2.0), LocalDateTime.of(year, 5, 1, 12, 0, 0)));
    }

    /** A post with a poster and a follower count, located in a country. */
    private void poster(int ind, String poster, Integer followers, String country) {
        pins.add(new CleanRows.Pin(ind, "u" + ind, "t", "d", followers, poster, "a,b", "image", "src", "/data/x",
                "art"));
        geos.add(new CleanRows.Geo(ind, country, List.of(1.0, 2.0), LocalDateTime.of(2019, 5, 1, 12, 0, 0)));
    }

    /** A post by a person (name, age, year joined) whose post shows a follower count. */
    private void postBy(int ind, String category, String name, Integer age, int joined, Integer followers) {
        pins.add(new CleanRows.Pin(ind, "u" + ind, "t", "d", followers, name, "a,b", "image", "src", "/data/x",
                category));
        users.add(new CleanRows.User(ind, name, age, LocalDateTime.of(joined, 3, 4, 5, 6, 7)));
    }
}
