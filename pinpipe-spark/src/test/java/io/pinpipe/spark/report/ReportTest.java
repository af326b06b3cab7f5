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
        assertThat(html.indexOf("Argentina")).isLessThan(html.indexOf("Albania"));
        assertThat(html.indexOf("Albania")).isLessThan(html.indexOf("Chad"));
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
