package io.pinpipe.spark;

import io.pinpipe.spark.questions.Question;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultFilesTest {

    private static final Question QUESTION = new Question("q_test", "Test",
            new Question.Chart(Question.Kind.BARS, List.of("country"), "n"), tables -> null);

    private static ResultTable table(List<Object> row) {
        return new ResultTable(QUESTION, List.of("country", "n"), List.of(row));
    }

    @Test
    void csvQuotesCommasAndQuotesAndLeavesNullsEmpty() {
        ResultTable table = new ResultTable(QUESTION, List.of("country", "n"), List.of(
                List.of("Korea, Republic of", 3L), Arrays.asList("Cote d\"Ivoire", null), List.of("Peru", 27.5)));
        assertThat(ResultFiles.csv(table)).isEqualTo("country,n\n\"Korea, Republic of\",3\n\"Cote d\"\"Ivoire\",\n"
                + "Peru,27.5\n");
    }

    @Test
    void jsonIsAnArrayOfObjectsWithTypedValues() {
        assertThat(ResultFiles.json(table(Arrays.asList("Peru", 12000.0)))).contains("\"country\" : \"Peru\"",
                "\"n\" : 12000.0").startsWith("[");
    }

    @Test
    void wholeMediansPrintWithoutAFraction() {
        assertThat(ResultTable.format(32000.0)).isEqualTo("32000");
        assertThat(ResultTable.format(27.5)).isEqualTo("27.5");
        assertThat(ResultTable.format(null)).isEmpty();
    }

    @Test
    void textTablesAlignColumnsAndCountRows() {
        assertThat(table(List.of("Albania", 2L)).toText()).isEqualTo("""
                | country | n |
                +---------+---+
                | Albania | 2 |
                (1 row)
                """);
    }

    @Test
    void aLongAnswerPrintsItsFirstRowsThenHowManyMoreAndWhichFileHasThem() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(List.of("country " + i, (long) i));
        }
        rows.set(150, List.of("a country whose name is wider than the printed ones", 150L));
        ResultTable table = new ResultTable(QUESTION, List.of("country", "n"), rows);

        String text = table.toText(10, "results/q_test.csv");

        assertThat(text.lines().toList()).hasSize(13).startsWith("| country   | n |", "+-----------+---+",
                "| country 0 | 0 |").contains("| country 9 | 9 |")
                .endsWith("\u2026 190 more rows in results/q_test.csv");
        assertThat(text).doesNotContain("country 10 ");
    }

    @Test
    void anAnswerThatFitsEndsWithItsRowCount() {
        ResultTable table = new ResultTable(QUESTION, List.of("country", "n"), List.of(List.of("Albania", 2L),
                List.of("Peru", 3L)));

        assertThat(table.toText(2, "results/q_test.csv")).isEqualTo(table.toText()).endsWith("(2 rows)\n");
        assertThat(new ResultTable(QUESTION, List.of("country", "n"), List.of(List.of("Albania", 2L),
                List.of("Peru", 3L), List.of("Chad", 1L))).toText(2, "q.csv")).endsWith("\u2026 1 more row in q.csv\n");
    }

    @Test
    void theCsvFileIsNamedAfterTheQuestion() {
        assertThat(new ResultFiles("/data/results", null).csvFile(table(List.of("Peru", 1L))))
                .isEqualTo("/data/results/q_test.csv");
    }

    @Test
    void aLongValueIsCutInTheTextTableSoOtherRowsStayNarrowButFilesKeepIt() {
        String longName = "A poster whose name is far longer than any column should be";
        ResultTable table = new ResultTable(QUESTION, List.of("country", "n"), List.of(List.of(longName, 1L),
                List.of("Peru", 2L), List.of("Line\nbreak", 3L)));

        List<String> lines = table.toText().lines().toList();

        String cut = longName.substring(0, ResultTable.MAX_TEXT_WIDTH - 1) + "\u2026";
        assertThat(lines.get(2)).isEqualTo("| " + cut + " | 1 |");
        assertThat(lines.get(3)).isEqualTo("| Peru" + " ".repeat(ResultTable.MAX_TEXT_WIDTH - 4) + " | 2 |");
        assertThat(lines.get(4)).startsWith("| Line break ");
        assertThat(lines.subList(0, 5)).allSatisfy(line -> assertThat(line).hasSize(lines.get(0).length()));
        assertThat(ResultFiles.csv(table)).contains(longName);
    }
}
