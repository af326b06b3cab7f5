package io.pinpipe.spark.report;

import io.pinpipe.spark.ResultTable;
import io.pinpipe.spark.TableQuality;
import io.pinpipe.spark.questions.Questions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

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
}
