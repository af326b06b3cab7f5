package io.pinpipe.spark.report;

import io.pinpipe.spark.ResultTable;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Inline SVG charts of a result: horizontal bars, a line over years, and the small bar drawn in a table cell. No
 * scripts and no external files, so the report shows the same offline.
 */
final class Charts {

    private static final int WIDTH = 960;
    private static final int LABEL_WIDTH = 320;
    private static final int BAR_HEIGHT = 18;
    private static final int GAP = 6;
    private static final String BAR_COLOUR = "#c8232c";

    private Charts() {
    }

    /** One horizontal bar per row, labelled with the label columns joined by " · ". */
    static String bars(ResultTable table, List<String> labels, String value) {
        double max = max(table, value);
        int rows = table.rows().size();
        int height = Math.max(rows, 1) * (BAR_HEIGHT + GAP) + GAP;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">%n", WIDTH, height, WIDTH, height));
        if (rows == 0) {
            svg.append("<text x=\"10\" y=\"18\">no rows</text>\n");
        }
        int plotWidth = WIDTH - LABEL_WIDTH - 90;
        for (int i = 0; i < rows; i++) {
            List<Object> row = table.rows().get(i);
            int y = GAP + i * (BAR_HEIGHT + GAP);
            double number = numberAt(table, row, value);
            int barWidth = max <= 0 ? 0 : (int) Math.round(plotWidth * number / max);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                    LABEL_WIDTH - 8, y + BAR_HEIGHT - 4, Html.escape(label(table, row, labels))));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
                    LABEL_WIDTH, y, Math.max(barWidth, 1), BAR_HEIGHT, BAR_COLOUR));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LABEL_WIDTH + barWidth + 6,
                    y + BAR_HEIGHT - 4, Html.escape(display(row.get(table.column(value))))));
        }
        return svg.append("</svg>\n").toString();
    }

    /** A line through one point per row, x = the label column (years), y = the value. */
    static String line(ResultTable table, String label, String value) {
        int height = 260;
        int left = 60;
        int bottom = height - 40;
        int top = 20;
        int plotWidth = WIDTH - left - 40;
        double max = Math.max(max(table, value), 1);
        int rows = table.rows().size();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                left, bottom, left + plotWidth, bottom));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left - 6,
                top + 4, Html.escape(display(max))));
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            List<Object> row = table.rows().get(i);
            int x = left + (rows == 1 ? plotWidth / 2 : i * plotWidth / (rows - 1));
            int y = bottom - (int) Math.round((bottom - top) * numberAt(table, row, value) / max);
            points.append(x).append(',').append(y).append(' ');
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>", x, y,
                    BAR_COLOUR));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", x,
                    bottom + 18, Html.escape(display(row.get(table.column(label))))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                    y - 8, Html.escape(display(row.get(table.column(value))))));
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                + " points=\"%s\"/>%n", BAR_COLOUR, points.toString().trim()));
        return svg.append("</svg>\n").toString();
    }

    /** The small bar of one table cell, scaled to the column's largest value. */
    static String cellBar(double number, double max) {
        int width = max <= 0 ? 0 : (int) Math.round(200 * number / max);
        return String.format(Locale.ROOT, "<svg width=\"204\" height=\"12\" xmlns=\"http://www.w3.org/2000/svg\">"
                + "<rect x=\"0\" y=\"1\" width=\"%d\" height=\"10\" fill=\"%s\"/></svg>", Math.max(width, 1),
                BAR_COLOUR);
    }

    static double max(ResultTable table, String value) {
        return table.rows().stream().mapToDouble(row -> numberAt(table, row, value)).max().orElse(0);
    }

    static double numberAt(ResultTable table, List<Object> row, String value) {
        Object number = row.get(table.column(value));
        return number instanceof Number n ? n.doubleValue() : 0;
    }

    static String display(Object value) {
        return value == null ? "n/a" : ResultTable.format(value);
    }

    private static String label(ResultTable table, List<Object> row, List<String> labels) {
        return labels.stream().map(name -> display(row.get(table.column(name)))).collect(Collectors.joining(" · "));
    }
}
