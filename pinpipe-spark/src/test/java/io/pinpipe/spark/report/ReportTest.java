package io.pinpipe.spark.report;

import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.TestData;
import io.pinpipe.spark.ResultTable;
import io.pinpipe.spark.TableQuality;
import io.pinpipe.spark.questions.Questions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static ResultTable result(int question, List<String> columns, List<List<Object>> rows) {
        return new ResultTable(Questions.all().get(question), columns, rows);
    }

    @Test
    void everyQuestionGetsAChartAndATableAndTextIsEscaped() {
        List<ResultTable> results = List.of(
                result(0, List.of("country", "category", "category_count"),
                        List.of(List.of("Cote d'Ivoire", "<art>", 3L))),
                result(5, List.of("age_group", "median_follower_count", "people"),
                        List.of(List.of("18-24", 32000.0, 3L))),
                result(6, List.of("join_year", "number_users_joined"),
                        List.of(List.of(2015, 4L), List.of(2016, 0L))));
        TableQuality quality = new TableQuality("x.pin", 2, 10, Map.of("missing index", 1L), 3, 6, 6,
                Map.of("title", 2L));
        String html = Report.html("/lake", Instant.parse("2026-01-01T00:00:00Z"), results, List.of(quality));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("Cote d&#39;Ivoire", "&lt;art&gt;")
                .doesNotContain("<art>", "<script", "http://cdn", "https://");
        assertThat(html).contains("<polyline", "<rect", "Data quality", "missing index", "x.pin");
        assertThat(html.split("<h2", -1)).hasSize(results.size() + 2);
    }

    @Test
    void anEmptyResultSaysSo() {
        String html = Report.html("/lake", Instant.EPOCH, List.of(result(1, List.of("post_year", "category",
                "category_count"), List.of())), List.of());
        assertThat(html).contains("no rows");
    }

    @Test
    void countryTablesAreGroupedByRegionThenNameWithUnknownCountriesLast() {
        ResultTable q1 = result(0, List.of("country", "category", "category_count"), List.of(
                List.of("Albania", "art", 3L), List.of("Atlantis", "art", 1L), List.of("Brazil", "diy", 2L),
                List.of("Chad", "art", 1L), List.of("China", "art", 5L), List.of("China", "diy", 5L),
                List.of("Fiji", "art", 1L), List.of("Argentina", "art", 4L)));

        ResultTable grouped = Regions.get().byRegion(q1, "country");

        assertThat(grouped.columns()).containsExactly("region", "country", "category", "category_count");
        assertThat(grouped.rows()).extracting(row -> row.get(0) + "/" + row.get(1) + "/" + row.get(2))
                .containsExactly("Americas/Argentina/art", "Americas/Brazil/diy", "Europe/Albania/art",
                        "Africa/Chad/art", "Asia/China/art", "Asia/China/diy", "Oceania/Fiji/art",
                        "other/Atlantis/art");
        String html = Report.html("/lake", Instant.EPOCH, List.of(q1), List.of());
        assertThat(html).contains("grouped by world region (Americas, Europe, Africa, Asia, Oceania, Antarctica,"
                + " other)");
        String table = html.substring(html.indexOf("<table"));
        assertThat(table.indexOf("Argentina")).isLessThan(table.indexOf("Albania"));
        assertThat(table.indexOf("Albania")).isLessThan(table.indexOf("Chad"));
    }

    @Test
    void theCountryQuestionsAreMapsWithOneColouredShapePerAnsweredCountryAboveTheirTables() {
        ResultTable q1 = result(0, List.of("country", "category", "category_count"), List.of(
                List.of("Brazil", "art", 4L), List.of("Gibraltar", "travel", 2L), List.of("Peru", "art", 3L),
                List.of("Peru", "diy", 3L), List.of("Russian Federation", "diy", 5L), List.of("Atlantis", "art", 1L)));
        ResultTable q3 = result(2, List.of("country", "poster_name", "follower_count"), List.of(
                List.of("Brazil", "Ana", 1000L), List.of("France", "Luc", 200_000L), List.of("Korea", "Kim", 50L)));

        String html = Report.html("/lake", Instant.EPOCH, List.of(q1, q3), List.of());

        String[] sections = html.split("<h2", -1);
        String map1 = sections[1];
        assertThat(count(map1, "<svg class=\"map\"")).isEqualTo(1);
        assertThat(count(map1, "class=\"answered\"")).isEqualTo(3);
        assertThat(count(map1, "class=\"answered\"") + count(map1, "class=\"land\""))
                .isEqualTo(WorldOutlines.get().names().size());
        String art = MapColouring.CATEGORY_COLOURS.get(0);
        assertThat(map1).contains("data-country=\"Brazil\" fill=\"" + art + "\"",
                "data-country=\"Peru\" fill=\"" + MapColouring.TIE + "\"",
                "data-country=\"Russian Federation\" fill=\"", "<title>Peru: art · 3; diy · 3</title>",
                "Not on the map: 2 answered countries",
                "<span class=\"why\">too small for the 1:110m outlines:</span> <b>Gibraltar</b>: travel · 2</p>",
                "<span class=\"why\">" + MapNames.NO_OUTLINE + ":</span> <b>Atlantis</b>: art · 1</p>",
                Report.OUTLINES_CREDIT);
        assertThat(map1.indexOf("<svg class=\"map\"")).isLessThan(map1.indexOf("<table"));

        String map3 = sections[2];
        assertThat(count(map3, "class=\"answered\"")).isEqualTo(2);
        assertThat(map3).contains("data-country=\"France\" fill=\"" + MapColouring.SCALE_COLOURS.get(4) + "\"",
                "data-country=\"Brazil\" fill=\"", "follower_count 50 to ", "Not on the map: 1 answered country",
                "<span class=\"why\">ambiguous: North Korea or South Korea:</span> <b>Korea</b>: Kim · 50");
        assertThat(html).doesNotContain("<script", "https://");
    }

    @Test
    void twoSpellingsOfOneCountryFillItOnceAndTheSecondIsListed() {
        ResultTable q1 = result(0, List.of("country", "category", "category_count"),
                List.of(List.of("Russia", "art", 2L), List.of("Russian Federation", "diy", 5L)));

        String html = Report.html("/lake", Instant.EPOCH, List.of(q1), List.of());

        assertThat(count(html, "class=\"answered\"")).isEqualTo(1);
        assertThat(html).contains("data-country=\"Russia\"",
                "<span class=\"why\">its outline shows Russia:</span> <b>Russian Federation</b>: diy · 5");
    }

    @Test
    void aMapWithEveryCountryDrawnSaysSo() {
        ResultTable q1 = result(0, List.of("country", "category", "category_count"),
                List.of(List.of("Chad", "art", 1L)));

        assertThat(Report.html("/lake", Instant.EPOCH, List.of(q1), List.of()))
                .contains("Every answered country is on the map.").doesNotContain("Not on the map");
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void everyCountryOfTheRealSampleHasARegion() throws IOException {
        Path geo = TestData.realSample().resolve("geolocation_data.jsonl");
        Set<String> countries = new TreeSet<>();
        for (String line : Files.readAllLines(geo)) {
            countries.add(JsonCodec.get().mapper().readTree(line).get("country").asText());
        }
        assertThat(countries).hasSizeGreaterThan(100)
                .allSatisfy(country -> assertThat(Regions.get().regionOf(country)).as(country)
                        .isNotEqualTo(Regions.OTHER));
    }
}
