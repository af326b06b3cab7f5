package io.pinpipe.spark;

import io.pinpipe.spark.questions.Question;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A question's answer brought to the driver: answers are small (one row per country, year or group), so they are
 * collected once and written, printed and charted from here. Values are strings, numbers or null.
 */
public record ResultTable(Question question, List<String> columns, List<List<Object>> rows) {

    /** The most rows an answer may have before the job refuses to collect it (a sign of a wrong join). */
    public static final int MAX_ROWS = 100_000;

    /**
     * The widest a column of the printed table gets: longer values (poster names reach 100 characters) are cut
     * with an ellipsis there, so one long name does not pad every row. CSV, JSON and the report keep the full text.
     */
    public static final int MAX_TEXT_WIDTH = 32;

    public ResultTable {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    public static ResultTable of(Question question, Dataset<Row> answer) {
        List<Row> collected = answer.limit(MAX_ROWS + 1).collectAsList();
        if (collected.size() > MAX_ROWS) {
            throw new IllegalStateException(question.name() + " has more than " + MAX_ROWS + " rows");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : collected) {
            List<Object> values = new ArrayList<>(row.length());
            for (int i = 0; i < row.length(); i++) {
                values.add(row.isNullAt(i) ? null : row.get(i));
            }
            rows.add(values);
        }
        return new ResultTable(question, Arrays.asList(answer.columns()), rows);
    }

    public int column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(question.name() + " has no column " + name);
        }
        return index;
    }

    /** The whole table as fixed-width text. */
    public String toText() {
        return toText(rows.size(), "");
    }

    /**
     * The table's first {@code shown} rows as fixed-width text, then how many more there are and where they are
     * ({@code … 190 more rows in results/q1.csv}): the console shows an answer's shape, the file holds all of it.
     * A table that fits ends with its row count instead.
     *
     * @param file where the whole table is, named in the last line when rows are left out
     */
    public String toText(int shown, String file) {
        List<List<Object>> printed = rows.subList(0, Math.min(shown, rows.size()));
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(columns.get(i));
            for (List<Object> row : printed) {
                widths[i] = Math.max(widths[i], width(cell(row.get(i))));
            }
        }
        StringBuilder text = new StringBuilder();
        appendRow(text, widths, new ArrayList<>(columns));
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append('+').append("-".repeat(width + 2));
        }
        text.append(rule).append("+\n");
        for (List<Object> row : printed) {
            appendRow(text, widths, row);
        }
        int more = rows.size() - printed.size();
        if (more > 0) {
            text.append("\u2026 ").append(more).append(more == 1 ? " more row in " : " more rows in ").append(file)
                    .append('\n');
        } else {
            text.append('(').append(rows.size()).append(rows.size() == 1 ? " row)\n" : " rows)\n");
        }
        return text.toString();
    }

    /** How a value is written in text, CSV and the report: numbers without a useless ".0", null as empty. */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return Long.toString(number.longValue());
        }
        return value.toString();
    }

    private static void appendRow(StringBuilder text, int[] widths, List<?> values) {
        for (int i = 0; i < widths.length; i++) {
            String value = cell(values.get(i));
            text.append("| ").append(value).append(" ".repeat(widths[i] - width(value) + 1));
        }
        text.append("|\n");
    }

    /** A value as one printed cell: on one line, at most {@link #MAX_TEXT_WIDTH} characters. */
    static String cell(Object value) {
        String text = format(value).replaceAll("\\p{Cntrl}", " ");
        if (width(text) <= MAX_TEXT_WIDTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_TEXT_WIDTH - 1)) + "\u2026";
    }

    /** Characters as a terminal counts them (code points, so an emoji is one, not two). */
    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
