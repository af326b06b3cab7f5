package io.pinpipe.spark.report;

import io.pinpipe.spark.ResultTable;
import io.pinpipe.spark.TableQuality;
import io.pinpipe.spark.questions.Question.Chart;
import io.pinpipe.spark.questions.Question.Kind;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's report as one self-contained HTML page: a chart (a world map for the per-country questions) and a table
 * for each question, then the data-quality section (rows read per topic, duplicates removed, placeholders nulled per
 * column, rows quarantined and why, lake files read). Inline CSS and SVG only: no scripts, fonts or images are
 * fetched when it is opened.
 */
public final class Report {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1000px;\
            color:#222;background:#fff}
            h1{color:#c8232c}h2{margin-top:40px;border-bottom:1px solid #ddd;padding-bottom:4px}
            table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ddd;padding:3px 8px;\
            text-align:left;font-size:13px}th{background:#f4f4f4}td.n{text-align:right}
            svg.chart text{font-size:12px;fill:#333}.meta{color:#666;font-size:13px}
            .scroll{max-height:420px;overflow-y:auto;display:inline-block;border-bottom:1px solid #ddd}
            svg.map path{stroke:#fff;stroke-width:.4}.legend{font-size:13px;margin:4px 0}\
            .legend span{display:inline-block;margin-right:14px;white-space:nowrap}\
            .legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px;\
            border:1px solid #bbb}.not-on-map{font-size:12px;color:#444}.not-on-map p{margin:4px 0}.why{color:#777}
            """;

    /** Where the maps' outlines come from, said on the page that draws them. */
    static final String OUTLINES_CREDIT = "Country outlines: Natural Earth 1:110m (public domain), from the npm"
            + " package world-atlas 2.0.2 (ISC licence).";

    private Report() {
    }

    /**
     * The page.
     *
     * @param lake      where the data came from, shown in the header
     * @param generated when the run finished
     */
    public static String html(String lake, Instant generated, List<ResultTable> results, List<TableQuality> quality) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>pinpipe batch report</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>pinpipe batch report</h1>\n")
                .append("<p class=\"meta\">Lake: ").append(Html.escape(lake)).append(" &middot; generated ")
                .append(Html.escape(generated.truncatedTo(ChronoUnit.SECONDS))).append(" (UTC)</p>\n");
        for (ResultTable result : results) {
            page.append(section(result));
        }
        page.append(QualitySection.html(quality));
        return page.append("</body>\n</html>\n").toString();
    }

    private static String section(ResultTable result) {
        Chart chart = result.question().chart();
        StringBuilder html = new StringBuilder();
        html.append("<h2 id=\"").append(Html.escape(result.question().name())).append("\">")
                .append(Html.escape(result.question().title())).append("</h2>\n");
        switch (chart.kind()) {
            case BARS -> html.append(Charts.bars(result, chart.labels(), chart.value())).append(table(result, null));
            case LINE -> html.append(Charts.line(result, chart.labels().get(0), chart.value()))
                    .append(table(result, null));
            case COUNTRY_MAP_BY_LABEL, COUNTRY_MAP_BY_VALUE -> html.append(countryMap(result, chart))
                    .append("<p class=\"meta\">Per country, grouped by world region ("
                    + Html.escape(String.join(", ", Regions.get().order())) + "), countries by name within a"
                    + " region; the bar is " + Html.escape(chart.value()) + ".</p>\n<div class=\"scroll\">\n")
                    .append(table(Regions.get().byRegion(result, chart.labels().get(0)), chart.value()))
                    .append("</div>\n");
            default -> throw new IllegalStateException("unknown chart kind " + chart.kind());
        }
        return html.toString();
    }

    /** The map of a per-country answer: the country is the first label, the answer the other labels and the value. */
    private static String countryMap(ResultTable result, Chart chart) {
        String country = chart.labels().get(0);
        MapColouring colouring = chart.kind() == Kind.COUNTRY_MAP_BY_LABEL
                ? MapColouring.byCategory(result, country, chart.labels().get(1))
                : MapColouring.byScale(result, country, chart.value());
        List<String> answer = new ArrayList<>(chart.labels().subList(1, chart.labels().size()));
        answer.add(chart.value());
        return CountryMap.get().html(result, country, answer, colouring) + "<p class=\"meta\">" + OUTLINES_CREDIT
                + "</p>\n";
    }

    /** The result as an HTML table; with {@code barColumn}, a bar of that column closes each row. */
    static String table(ResultTable result, String barColumn) {
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        for (String column : result.columns()) {
            html.append("<th>").append(Html.escape(column)).append("</th>");
        }
        if (barColumn != null) {
            html.append("<th></th>");
        }
        html.append("</tr>\n");
        double max = barColumn == null ? 0 : Charts.max(result, barColumn);
        for (List<Object> row : result.rows()) {
            html.append("<tr>");
            for (Object value : row) {
                html.append(value instanceof Number ? "<td class=\"n\">" : "<td>")
                        .append(Html.escape(ResultTable.format(value))).append("</td>");
            }
            if (barColumn != null) {
                html.append("<td>").append(Charts.cellBar(Charts.numberAt(result, row, barColumn), max))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        if (result.rows().isEmpty()) {
            html.append("<tr><td colspan=\"").append(result.columns().size()).append("\">no rows</td></tr>\n");
        }
        return html.append("</table>\n").toString();
    }

    /** The data-quality section. */
    static final class QualitySection {

        private QualitySection() {
        }

        static String html(List<TableQuality> quality) {
            StringBuilder html = new StringBuilder("<h2 id=\"data-quality\">Data quality</h2>\n<table>\n")
                    .append("<tr><th>topic</th><th>lake files read</th><th>rows read</th><th>quarantined</th>")
                    .append("<th>duplicates removed</th><th>rows (one per ind)</th><th>new this run</th></tr>\n");
            for (TableQuality table : quality) {
                html.append("<tr><td>").append(Html.escape(table.topic())).append("</td>")
                        .append(number(table.filesRead())).append(number(table.rowsRead()))
                        .append(number(table.quarantined())).append(number(table.duplicatesRemoved()))
                        .append(number(table.distinctRows())).append(number(table.inserted())).append("</tr>\n");
            }
            html.append("</table>\n<h3>Rows quarantined, by reason</h3>\n<table>\n")
                    .append("<tr><th>topic</th><th>reason</th><th>rows</th></tr>\n");
            boolean any = false;
            for (TableQuality table : quality) {
                for (Map.Entry<String, Long> reason : table.quarantinedByReason().entrySet()) {
                    any = true;
                    html.append("<tr><td>").append(Html.escape(table.topic())).append("</td><td>")
                            .append(Html.escape(reason.getKey())).append("</td>").append(number(reason.getValue()))
                            .append("</tr>\n");
                }
            }
            if (!any) {
                html.append("<tr><td colspan=\"3\">none</td></tr>\n");
            }
            html.append("</table>\n<h3>Placeholders nulled, per column</h3>\n<table>\n")
                    .append("<tr><th>topic</th><th>column</th><th>values nulled</th></tr>\n");
            for (TableQuality table : quality) {
                for (Map.Entry<String, Long> column : table.placeholdersNulled().entrySet()) {
                    html.append("<tr><td>").append(Html.escape(table.topic())).append("</td><td>")
                            .append(Html.escape(column.getKey())).append("</td>").append(number(column.getValue()))
                            .append("</tr>\n");
                }
            }
            return html.append("</table>\n").toString();
        }

        private static String number(long value) {
            return "<td class=\"n\">" + value + "</td>";
        }
    }
}
