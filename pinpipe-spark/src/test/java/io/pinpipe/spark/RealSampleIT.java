package io.pinpipe.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TestData;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job on a lake built from the real sample (both datetime forms, duplicates, malformed lines): the clean
 * tables reproduce every published cleaned row, bad lines are quarantined with reason and file, re-runs add
 * nothing, new data adds only itself, and the answers agree with a plain-Java reading of the sample.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealSampleIT {

    private static final Topics TOPICS = new Topics("0a1b2c3d");
    private static final List<String> BAD_PINS = List.of(
            "{\"index\": \"seven\", \"unique_id\": \"x\"}",
            "this is not json",
            "{\"index\": 99999, \"unique_id\": \"u\", \"follower_count\": \"12kk\", \"category\": \"art\"}");
    private static final List<String> BAD_GEO = List.of(
            "{\"ind\": 99998, \"timestamp\": \"yesterday\", \"latitude\": 1.0, \"longitude\": 2.0,"
                    + " \"country\": \"Albania\"}",
            "{\"timestamp\": \"2020-01-01 00:00:00\", \"country\": \"Nowhere\"}");
    private static final List<String> BAD_USERS = List.of(
            "{\"ind\": 99997, \"first_name\": \"A\", \"last_name\": \"B\", \"age\": 30,"
                    + " \"date_joined\": \"2020-13-45 00:00:00\"}",
            "{\"ind\": 1, \"age\": \"thirty\"}",
            "{\"ind\": 5, \"first_name\": \"Ada\"");

    @TempDir
    static Path root;

    private static SparkSession spark;
    private static Path sample;
    private static Path lake;
    private static BatchOptions options;
    private static BatchJob.Summary firstRun;
    private static long[] nextOffsets;

    @BeforeAll
    static void runOnce() {
        sample = TestData.realSample();
        spark = TestSpark.start();
        lake = root.resolve("lake");
        nextOffsets = new TestLake(lake, TOPICS).writeSample(sample, BAD_PINS, BAD_GEO, BAD_USERS);
        options = BatchOptions.parse("--lake", lake.toString(), "--user-id", TOPICS.userId());
        firstRun = run();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static BatchJob.Summary run() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        return new BatchJob(spark, options, new Progress(out, BatchJob.STEPS), clock).run();
    }

    @Test
    @Order(1)
    void cleanPinsReproduceEveryPublishedRowWithTheExtendedListForEight() {
        Dataset<Row> raw = new LakeReader(spark, lake.toString(), TopicLayout.defaults(), TOPICS, Optional.empty(),
                Optional.empty())
                .read(SourceTable.PIN);
        Placeholders extended = Placeholders.extended();
        Dataset<Row> extendedPins = Cleaning.onePerInd(Cleaning.cleanPins(
                RecordChecks.passed(RecordChecks.withReason(raw, SourceTable.PIN, extended)), extended));
        int extendedOnly = assertReproduces(SourceTable.PIN, "pin.jsonl", 3_540, extendedPins);
        // The published pins follow the core rules, except 8 rows that match only the extended ones.
        assertThat(extendedOnly).isEqualTo(8);
    }

    @Test
    @Order(1)
    void cleanGeoReproducesEveryPublishedRow() {
        assertThat(assertReproduces(SourceTable.GEO, "geo.jsonl", 10_536, null)).isZero();
    }

    @Test
    @Order(1)
    void cleanUsersReproduceEveryPublishedRow() {
        assertThat(assertReproduces(SourceTable.USER, "user.jsonl", 5_742, null)).isZero();
    }

    @Test
    @Order(1)
    void tablesHoldOneRowPerIndAndCountsAddUp() {
        for (TableQuality quality : firstRun.quality()) {
            SourceTable table = SourceTable.of(quality.topic().substring(quality.topic().indexOf('.') + 1));
            int sampleRows = TestLake.sampleLines(sample, table).size();
            int bad = switch (table) {
                case PIN -> BAD_PINS.size();
                case GEO -> BAD_GEO.size();
                case USER -> BAD_USERS.size();
            };
            assertThat(quality.rowsRead()).isEqualTo(sampleRows + TestLake.DUPLICATED + bad);
            assertThat(quality.quarantined()).isEqualTo(bad);
            assertThat(quality.duplicatesRemoved()).isEqualTo(TestLake.DUPLICATED);
            assertThat(quality.distinctRows()).isEqualTo(sampleRows).isEqualTo(quality.inserted());
            long filesExpected = (sampleRows + TestLake.DUPLICATED + bad + TestLake.FILE_SIZE - 1) / TestLake.FILE_SIZE;
            assertThat(quality.filesRead()).isEqualTo(filesExpected);
            Dataset<Row> stored = new Warehouse(spark, options.warehouse()).read(table.shortName());
            assertThat(stored.count()).isEqualTo(sampleRows);
            assertThat(stored.select("ind").distinct().count()).isEqualTo(sampleRows);
        }
        TableQuality pins = firstRun.quality().get(0);
        assertThat(pins.placeholdersNulled()).containsEntry("poster_name", 34L).containsEntry("follower_count", 34L)
                .containsEntry("image_src", 111L);
    }

    @Test
    @Order(1)
    void unreadableLinesAreQuarantinedWithReasonAndFile() {
        List<Row> quarantined = new Warehouse(spark, options.warehouse()).read(Warehouse.QUARANTINE)
                .orderBy("topic", "reason", "record").collectAsList();
        assertThat(quarantined).hasSize(BAD_PINS.size() + BAD_GEO.size() + BAD_USERS.size());
        Set<String> records = new HashSet<>();
        for (Row row : quarantined) {
            assertThat(row.getString(1)).contains("partition=0").endsWith(".json");
            assertThat(row.getString(2)).isNotBlank();
            records.add(row.getString(3));
        }
        assertThat(records).contains("this is not json", "{\"ind\": 5, \"first_name\": \"Ada\"");
        assertThat(quarantined.stream().map(row -> row.getString(2)).toList())
                .contains("follower_count '12kk' is not N, Nk or NM", "missing ind", RecordChecks.MALFORMED)
                .anyMatch(reason -> reason.startsWith("timestamp 'yesterday'"))
                .anyMatch(reason -> reason.startsWith("date_joined '2020-13-45 00:00:00'"));
    }

    @Test
    @Order(1)
    void usersJoinedPerYearCountEachPersonOnce() {
        Map<Integer, Long> expected = new TreeMap<>();
        for (int year = 2015; year <= 2020; year++) {
            expected.put(year, 0L);
        }
        Set<String> people = new HashSet<>();
        for (JsonNode user : SampleFacts.raw(sample, SourceTable.USER)) {
            String person = user.get("first_name").asText() + " " + user.get("last_name").asText() + "|"
                    + user.get("age").asInt() + "|" + user.get("date_joined").asText();
            if (people.add(person)) {
                expected.merge(Integer.parseInt(user.get("date_joined").asText().substring(0, 4)), 1L, Long::sum);
            }
        }
        Map<Integer, Long> actual = new TreeMap<>();
        for (List<Object> row : result("q6_users_joined_by_year").rows()) {
            actual.put((Integer) row.get(0), (Long) row.get(1));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    @Order(1)
    void mostPopularCategoryPerCountryMatchesAPlainReading() {
        Map<Integer, JsonNode> pins = SampleFacts.byKey(SampleFacts.raw(sample, SourceTable.PIN), "index");
        Map<Integer, JsonNode> geo = SampleFacts.byKey(SampleFacts.raw(sample, SourceTable.GEO), "ind");
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        pins.forEach((ind, pin) -> {
            JsonNode location = geo.get(ind);
            if (location != null) {
                counts.computeIfAbsent(location.get("country").asText(), c -> new HashMap<>())
                        .merge(pin.get("category").asText(), 1L, Long::sum);
            }
        });
        List<String> expected = new ArrayList<>();
        counts.forEach((country, categories) -> {
            long top = categories.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            categories.entrySet().stream().filter(e -> e.getValue() == top).map(Map.Entry::getKey).sorted()
                    .forEach(category -> expected.add(country + "|" + category + "|" + top));
        });
        List<String> actual = result("q1_popular_category_by_country").rows().stream()
                .map(row -> row.get(0) + "|" + row.get(1) + "|" + row.get(2)).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual.size()).isGreaterThan(counts.size());
    }

    @Test
    @Order(1)
    void medianFollowersPerAgeGroupCountPeopleOnce() {
        Map<Integer, JsonNode> pins = SampleFacts.byKey(SampleFacts.raw(sample, SourceTable.PIN), "index");
        Map<String, Long> personFollowers = new HashMap<>();
        Map<String, String> personGroup = new HashMap<>();
        for (JsonNode user : SampleFacts.raw(sample, SourceTable.USER)) {
            String person = user.get("first_name").asText() + " " + user.get("last_name").asText() + "|"
                    + user.get("age").asInt() + "|" + user.get("date_joined").asText();
            personGroup.put(person, SampleFacts.ageGroup(user.get("age").asInt()));
            JsonNode pin = pins.get(user.get("ind").asInt());
            Long followers = pin == null ? null : SampleFacts.followers(pin.get("follower_count").asText());
            if (followers != null) {
                personFollowers.merge(person, followers, Math::max);
            }
        }
        Map<String, List<Long>> byGroup = new TreeMap<>();
        personFollowers.forEach((person, followers) ->
                byGroup.computeIfAbsent(personGroup.get(person), g -> new ArrayList<>()).add(followers));
        Map<String, String> expected = byGroup.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> SampleFacts.canonical(SampleFacts.median(e.getValue())) + "|" + e.getValue().size()));
        ResultTable q5 = result("q5_median_followers_by_age_group");
        Map<String, String> actual = q5.rows().stream().collect(Collectors.toMap(row -> (String) row.get(0),
                row -> SampleFacts.canonical(row.get(1)) + "|" + row.get(2)));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    @Order(1)
    void everyAnswerIsWrittenAsCsvAndJsonWithTheReport() throws Exception {
        Path results = Path.of(options.results());
        assertThat(firstRun.results()).hasSize(9);
        for (ResultTable result : firstRun.results()) {
            Path csv = results.resolve(result.question().name() + ".csv");
            Path json = results.resolve(result.question().name() + ".json");
            assertThat(Files.readAllLines(csv)).hasSize(result.rows().size() + 1)
                    .first().isEqualTo(String.join(",", result.columns()));
            assertThat(SampleFacts.JSON.readTree(json.toFile()).size()).isEqualTo(result.rows().size());
        }
        String report = Files.readString(results.resolve("report.html"));
        assertThat(report).contains("<svg", "Data quality", "follower_count &#39;12kk&#39; is not N, Nk or NM")
                .doesNotContain("http://cdn", "<script", "<link");
    }

    @Test
    @Order(1)
    void theReportRendersInHeadlessChromium() throws Exception {
        Path report = Path.of(options.results()).resolve("report.html");
        Path png = Chromium.screenshot(report, root);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(3000);
        Set<Integer> colours = new HashSet<>();
        long coloured = 0;
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    coloured++;
                }
            }
        }
        // Text, bars and table rules: many colours and a fair share of non-white pixels.
        assertThat(colours.size()).isGreaterThan(20);
        assertThat(coloured).isGreaterThan(image.getWidth() * image.getHeight() / 9 / 50);
    }

    @Test
    @Order(2)
    void reloadingTheSameLakeAddsNothing() {
        for (TableQuality quality : load()) {
            assertThat(quality.inserted()).as(quality.topic()).isZero();
        }
        assertThat(new Warehouse(spark, options.warehouse()).read(Warehouse.QUARANTINE).count())
                .isEqualTo(BAD_PINS.size() + BAD_GEO.size() + BAD_USERS.size());
    }

    @Test
    @Order(3)
    void newDataAddsOnlyTheNewRecords() {
        TestLake testLake = new TestLake(lake, TOPICS);
        testLake.write(SourceTable.PIN, List.of(
                "{\"index\": 20001, \"unique_id\": \"n1\", \"title\": \"t\", \"follower_count\": \"3k\","
                        + " \"category\": \"art\", \"save_location\": \"Local save in /data/art\"}",
                TestLake.sampleLines(sample, SourceTable.PIN).get(0)), nextOffsets[0]);
        testLake.write(SourceTable.GEO, List.of("{\"ind\": 20001, \"timestamp\": \"2021-05-05T10:00:00\","
                + " \"latitude\": 1.5, \"longitude\": 2.5, \"country\": \"Albania\"}"), nextOffsets[1]);
        testLake.write(SourceTable.USER, List.of("{\"ind\": 20001, \"first_name\": \"New\", \"last_name\":"
                + " \"Person\", \"age\": 16, \"date_joined\": \"2019-02-03T04:05:06\"}"), nextOffsets[2]);
        List<TableQuality> loaded = load();
        assertThat(loaded).allSatisfy(quality -> assertThat(quality.inserted()).isEqualTo(1));
        Dataset<Row> users = new Warehouse(spark, options.warehouse()).read(SourceTable.USER.shortName());
        assertThat(users.count()).isEqualTo(TestLake.sampleLines(sample, SourceTable.USER).size() + 1);
        assertThat(users.where(col("ind").equalTo(20001)).select("user_name").head().getString(0))
                .isEqualTo("New Person");
    }

    /** Loads the three topics again (the job's first half), as a later run would. */
    private static List<TableQuality> load() {
        TableLoad load = new TableLoad(new LakeReader(spark, options.lake(), options.layout(), TOPICS,
                Optional.empty(), Optional.empty()), new Warehouse(spark, options.warehouse()), Placeholders.core());
        List<TableQuality> loaded = new ArrayList<>();
        for (SourceTable table : SourceTable.values()) {
            loaded.add(load.load(table, TOPICS.batch(table)));
        }
        return loaded;
    }

    private static ResultTable result(String name) {
        return firstRun.results().stream().filter(result -> result.question().name().equals(name)).findFirst()
                .orElseThrow();
    }

    /**
     * Asserts every published row equals the stored clean row of its {@code ind}, or the row of {@code alternative}
     * (another cleaning of the same lake); returns how many matched only the alternative.
     */
    private static int assertReproduces(SourceTable table, String publishedFile, int publishedRows,
                                        Dataset<Row> alternative) {
        List<JsonNode> published = SampleFacts.rows(sample.resolve("cleaned").resolve(publishedFile));
        assertThat(published).hasSize(publishedRows);
        Dataset<Row> stored = new Warehouse(spark, options.warehouse()).read(table.shortName());
        List<String> columns = List.of(stored.columns());
        assertThat(columns).containsExactlyElementsOf(switch (table) {
            case PIN -> Cleaning.PIN_COLUMNS;
            case GEO -> Cleaning.GEO_COLUMNS;
            case USER -> Cleaning.USER_COLUMNS;
        });
        Map<Integer, List<String>> actual = readable(stored);
        Map<Integer, List<String>> other = alternative == null ? Map.of() : readable(alternative);
        List<String> mismatches = new ArrayList<>();
        int alternativeOnly = 0;
        for (JsonNode expected : published) {
            assertThat(expected.size()).as("published columns").isEqualTo(columns.size());
            int ind = expected.get("ind").asInt();
            List<String> want = columns.stream().map(name -> SampleFacts.canonical(expected.get(name))).toList();
            if (want.equals(actual.get(ind))) {
                continue;
            }
            if (want.equals(other.get(ind))) {
                alternativeOnly++;
                continue;
            }
            mismatches.add("ind " + ind + ": want " + want + ", got " + actual.get(ind));
        }
        assertThat(mismatches).as("differences from the published cleaned rows").isEmpty();
        return alternativeOnly;
    }

    /** Rows by {@code ind}, each value in {@link SampleFacts#canonical} form, timestamps as the sample prints them. */
    private static Map<Integer, List<String>> readable(Dataset<Row> table) {
        Column[] columns = Arrays.stream(table.columns()).map(name -> table.schema().apply(name).dataType()
                .typeName().equals("timestamp") ? date_format(col(name), "yyyy-MM-dd HH:mm:ss").as(name) : col(name))
                .toArray(Column[]::new);
        Map<Integer, List<String>> rows = new HashMap<>();
        for (Row row : table.select(columns).collectAsList()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < row.length(); i++) {
                values.add(SampleFacts.canonical(row.isNullAt(i) ? null : row.get(i)));
            }
            rows.put(row.getInt(0), values);
        }
        return rows;
    }
}
