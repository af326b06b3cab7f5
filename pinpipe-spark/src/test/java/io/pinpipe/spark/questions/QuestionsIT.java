package io.pinpipe.spark.questions;

import io.pinpipe.common.SourceTable;
import io.pinpipe.spark.CleanTables;
import io.pinpipe.spark.SparkSessions;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each question on small hand-built tables that pin its semantics: ties, nulls, people, medians, groups. */
class QuestionsIT {

    private static final StructType PIN = new StructType()
            .add("ind", DataTypes.IntegerType).add("unique_id", DataTypes.StringType)
            .add("title", DataTypes.StringType).add("description", DataTypes.StringType)
            .add("follower_count", DataTypes.IntegerType).add("poster_name", DataTypes.StringType)
            .add("tag_list", DataTypes.StringType).add("is_image_or_video", DataTypes.StringType)
            .add("image_src", DataTypes.StringType).add("save_location", DataTypes.StringType)
            .add("category", DataTypes.StringType);
    private static final StructType GEO = new StructType()
            .add("ind", DataTypes.IntegerType).add("country", DataTypes.StringType)
            .add("coordinates", DataTypes.createArrayType(DataTypes.DoubleType))
            .add("timestamp", DataTypes.TimestampType);
    private static final StructType USER = new StructType()
            .add("ind", DataTypes.IntegerType).add("user_name", DataTypes.StringType)
            .add("age", DataTypes.IntegerType).add("date_joined", DataTypes.TimestampType);

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.batch(new SparkConf().set("spark.master", "local[2]")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false"), 4);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Builds tables from compact rows: pin (ind, poster, followers, category), geo (ind, country, time), user. */
    private static final class Tables {
        private final List<Row> pins = new ArrayList<>();
        private final List<Row> geo = new ArrayList<>();
        private final List<Row> users = new ArrayList<>();

        Tables pin(int ind, String poster, Integer followers, String category) {
            pins.add(RowFactory.create(ind, "u" + ind, "t", "d", followers, poster, "a,b", "image", "src",
                    "/data/" + category, category));
            return this;
        }

        Tables geo(int ind, String country, String time) {
            geo.add(RowFactory.create(ind, country, Arrays.asList(1.0, 2.0), time == null ? null
                    : Timestamp.valueOf(time)));
            return this;
        }

        Tables user(int ind, String name, Integer age, String joined) {
            users.add(RowFactory.create(ind, name, age, joined == null ? null : Timestamp.valueOf(joined)));
            return this;
        }

        CleanTables build() {
            return new CleanTables(spark.createDataFrame(pins, PIN), spark.createDataFrame(geo, GEO),
                    spark.createDataFrame(users, USER));
        }
    }

    private static List<String> rows(Dataset<Row> answer) {
        return answer.collectAsList().stream().map(row -> {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                values.add(String.valueOf(row.get(i)));
            }
            return String.join("|", values);
        }).toList();
    }

    @Test
    void popularCategoryReturnsEveryTiedCategoryAndIgnoresNulls() {
        CleanTables tables = new Tables()
                .pin(1, "p", 1, "art").pin(2, "p", 1, "travel").pin(3, "p", 1, "art").pin(4, "p", 1, "travel")
                .pin(5, "p", 1, null).pin(6, "p", 1, null).pin(7, "p", 1, null)
                .pin(8, "p", 1, "beauty").pin(9, "p", 1, "quotes")
                .geo(1, "Albania", "2019-01-01 00:00:00").geo(2, "Albania", "2019-01-01 00:00:00")
                .geo(3, "Albania", "2019-01-01 00:00:00").geo(4, "Albania", "2019-01-01 00:00:00")
                .geo(5, "Albania", "2019-01-01 00:00:00").geo(6, "Albania", "2019-01-01 00:00:00")
                .geo(7, "Albania", "2019-01-01 00:00:00")
                .geo(8, "Aruba", "2019-01-01 00:00:00").geo(9, null, "2019-01-01 00:00:00")
                .build();
        assertThat(rows(Questions.popularCategoryByCountry(tables)))
                .containsExactly("Albania|art|2", "Albania|travel|2", "Aruba|beauty|1");
    }

    @Test
    void popularCategoryByYearKeepsOnly2018To2022() {
        CleanTables tables = new Tables()
                .pin(1, "p", 1, "art").pin(2, "p", 1, "art").pin(3, "p", 1, "travel").pin(4, "p", 1, "diy")
                .geo(1, "A", "2017-12-31 23:59:59").geo(2, "A", "2018-01-01 00:00:00")
                .geo(3, "A", "2022-12-31 23:59:59").geo(4, "A", "2023-01-01 00:00:00")
                .build();
        assertThat(rows(Questions.popularCategoryByYear(tables)))
                .containsExactly("2018|art|1", "2022|travel|1");
    }

    @Test
    void topPosterPerCountryReturnsTiesOnceAndTheTopCountryTies() {
        CleanTables tables = new Tables()
                .pin(1, "Big", 500, "art").pin(2, "Big", 500, "art").pin(3, "Also big", 500, "art")
                .pin(4, "Small", 10, "art").pin(5, null, 900, "art").pin(6, "Unknown", null, "art")
                .pin(7, "Other", 500, "art").pin(8, "Tiny", 5, "art")
                .geo(1, "A", "2019-01-01 00:00:00").geo(2, "A", "2019-01-01 00:00:00")
                .geo(3, "A", "2019-01-01 00:00:00").geo(4, "A", "2019-01-01 00:00:00")
                .geo(5, "A", "2019-01-01 00:00:00").geo(6, "A", "2019-01-01 00:00:00")
                .geo(7, "B", "2019-01-01 00:00:00").geo(8, "C", "2019-01-01 00:00:00")
                .build();
        assertThat(rows(Questions.topPosterByCountry(tables)))
                .containsExactly("A|Also big|500", "A|Big|500", "B|Other|500", "C|Tiny|5");
        assertThat(rows(Questions.countryWithTopPoster(tables)))
                .containsExactly("A|Also big|500", "A|Big|500", "B|Other|500");
    }

    @Test
    void popularCategoryByAgeGroupReportsYoungAndUnknownAges() {
        CleanTables tables = new Tables()
                .pin(1, "p", 1, "art").pin(2, "p", 1, "travel").pin(3, "p", 1, "art").pin(4, "p", 1, "diy")
                .pin(5, "p", 1, "quotes")
                .user(1, "a", 24, "2016-01-01 00:00:00").user(2, "b", 25, "2016-01-01 00:00:00")
                .user(3, "c", 51, "2016-01-01 00:00:00").user(4, "d", 17, "2016-01-01 00:00:00")
                .user(5, "e", null, "2016-01-01 00:00:00")
                .build();
        assertThat(rows(Questions.popularCategoryByAgeGroup(tables)))
                .containsExactly("18-24|art|1", "25-35|travel|1", "+50|art|1", "<18|diy|1", "unknown|quotes|1");
    }

    @Test
    void medianFollowersPerAgeGroupIsExactAndCountsEachPersonOnce() {
        // Ann (20) posts three times: her follower count is her highest, 300, counted once.
        CleanTables tables = new Tables()
                .pin(1, "ann", 100, "art").pin(2, "ann", 300, "art").pin(3, "ann", 200, "art")
                .pin(4, "bob", 10, "art").pin(5, "cy", 20, "art")
                .pin(6, "dee", 1, "art").pin(7, "eve", 2, "art").pin(8, "fay", 4, "art")
                .pin(9, "gus", null, "art")
                .user(1, "Ann", 20, "2015-01-01 00:00:00").user(2, "Ann", 20, "2015-01-01 00:00:00")
                .user(3, "Ann", 20, "2015-01-01 00:00:00").user(4, "Bob", 21, "2015-01-01 00:00:00")
                .user(5, "Cy", 22, "2015-01-01 00:00:00")
                .user(6, "Dee", 40, "2016-01-01 00:00:00").user(7, "Eve", 41, "2016-01-01 00:00:00")
                .user(8, "Fay", 42, "2016-01-01 00:00:00").user(9, "Gus", 60, "2016-01-01 00:00:00")
                .build();
        // 18-24: people {300, 10, 20} -> odd count, middle 20 (a per-post median of 100,300,200,10,20 would be 100).
        // 36-50: {1, 2, 4} -> 2. +50: Gus has no follower count -> null median, 0 people.
        assertThat(rows(Questions.medianFollowersByAgeGroup(tables)))
                .containsExactly("18-24|20.0|3", "36-50|2.0|3", "+50|null|0");
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        CleanTables tables = new Tables()
                .pin(1, "a", 10, "art").pin(2, "b", 20, "art").pin(3, "c", 35, "art").pin(4, "d", 1000, "art")
                .user(1, "A", 30, "2017-05-01 00:00:00").user(2, "B", 30, "2017-06-01 00:00:00")
                .user(3, "C", 30, "2017-07-01 00:00:00").user(4, "D", 30, "2017-08-01 00:00:00")
                .build();
        assertThat(rows(Questions.medianFollowersByAgeGroup(tables))).containsExactly("25-35|27.5|4");
        assertThat(rows(Questions.medianFollowersByJoinYear(tables))).containsExactly("2017|27.5|4");
        assertThat(rows(Questions.medianFollowersByAgeGroupAndJoinYear(tables)))
                .containsExactly("25-35|2017|27.5|4");
    }

    @Test
    void usersJoinedListsEveryYearWithZerosAndCountsPeopleOnce() {
        CleanTables tables = new Tables()
                .user(1, "Ann", 20, "2015-03-01 00:00:00").user(2, "Ann", 20, "2015-03-01 00:00:00")
                .user(3, "Ann", 21, "2015-03-01 00:00:00").user(4, "Bob", 30, "2017-01-01 00:00:00")
                .user(5, "Cy", 30, "2014-12-31 23:59:59").user(6, "Dee", 30, "2021-01-01 00:00:00")
                .build();
        // Ann aged 20 and Ann aged 21 are two people (a person is name + age + date joined).
        assertThat(rows(Questions.usersJoinedByYear(tables))).containsExactly("2015|2", "2016|0", "2017|1",
                "2018|0", "2019|0", "2020|0");
    }

    @Test
    void mediansByJoinYearAndAgeGroupAreOrderedByGroupThenYear() {
        CleanTables tables = new Tables()
                .pin(1, "a", 5, "art").pin(2, "b", 7, "art").pin(3, "c", 9, "art").pin(4, "d", 11, "art")
                .user(1, "A", 55, "2015-01-01 00:00:00").user(2, "B", 19, "2016-01-01 00:00:00")
                .user(3, "C", 19, "2015-01-01 00:00:00").user(4, "D", 30, "2013-01-01 00:00:00")
                .build();
        assertThat(rows(Questions.medianFollowersByAgeGroupAndJoinYear(tables)))
                .containsExactly("18-24|2015|9.0|1", "18-24|2016|7.0|1", "+50|2015|5.0|1");
        assertThat(rows(Questions.medianFollowersByJoinYear(tables))).containsExactly("2015|7.0|2", "2016|7.0|1");
    }

    @Test
    void emptyTablesGiveEmptyAnswersExceptTheYearList() {
        CleanTables tables = new Tables().build();
        for (Question question : Questions.all()) {
            List<String> answer = rows(question.answer(tables));
            if (question.name().startsWith("q6")) {
                assertThat(answer).hasSize(6).allMatch(row -> row.endsWith("|0"));
            } else {
                assertThat(answer).as(question.name()).isEmpty();
            }
        }
    }

    @Test
    void everyQuestionGivesTheSameAnswerFromOnlyTheColumnsItDeclares() {
        CleanTables full = new Tables()
                .pin(1, "ann", 500, "art").pin(2, "bob", 700, "travel").pin(3, "ann", 900, "art")
                .pin(4, "cy", null, "diy")
                .geo(1, "Albania", "2019-05-01 10:00:00").geo(2, "Aruba", "2020-01-01 00:00:00")
                .geo(3, "Albania", "2021-03-03 03:03:03").geo(4, "Chad", "2018-07-07 07:07:07")
                .user(1, "Ann A", 23, "2015-11-11 00:00:00").user(2, "Bob B", 40, "2016-02-02 00:00:00")
                .user(3, "Ann A", 23, "2015-11-11 00:00:00").user(4, "Cy C", 61, "2017-03-03 00:00:00")
                .build();
        CleanTables narrow = new CleanTables(narrowed(full.pin(), SourceTable.PIN),
                narrowed(full.geo(), SourceTable.GEO), narrowed(full.user(), SourceTable.USER));

        for (Question question : Questions.all()) {
            assertThat(rows(question.answer(narrow))).as(question.name())
                    .isEqualTo(rows(question.answer(full))).isNotEmpty();
        }
    }

    private static Dataset<Row> narrowed(Dataset<Row> table, SourceTable source) {
        return table.selectExpr(Questions.columnsRead(source).toArray(String[]::new));
    }
}
