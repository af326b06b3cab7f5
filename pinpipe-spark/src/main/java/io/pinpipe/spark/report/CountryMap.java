package io.pinpipe.spark.report;

import io.pinpipe.spark.ResultTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A per-country answer as a world map in inline SVG: every outline in grey, each answered country filled by its
 * {@link MapColouring}, a hover title with the country's answer, the legend below, then every answered country the
 * map cannot show, listed by name with its answer and why. So no country of the result is left out of the picture.
 */
final class CountryMap {

    static final String OCEAN = "#f3f7fa";

    private final WorldOutlines outlines;
    private final MapNames names;

    CountryMap(WorldOutlines outlines, MapNames names) {
        this.outlines = outlines;
        this.names = names;
    }

    static CountryMap get() {
        return new CountryMap(WorldOutlines.get(), MapNames.get());
    }

    /**
     * The map, legend and not-on-the-map list of {@code result}.
     *
     * @param countryColumn the column with the country name
     * @param answerColumns the columns shown as each country's answer, e.g. category and count
     */
    String html(ResultTable result, String countryColumn, List<String> answerColumns, MapColouring colouring) {
        Map<String, List<String>> answersOf = answers(result, countryColumn, answerColumns);
        Map<String, String> answeredOutlines = new LinkedHashMap<>();
        Map<String, String> whyNotOnMap = new LinkedHashMap<>();
        for (String country : answersOf.keySet()) {
            String outline = names.outlineName(country).filter(name -> outlines.path(name) != null).orElse(null);
            if (outline == null) {
                whyNotOnMap.put(country, names.whyNotOnMap(country));
            } else if (answeredOutlines.containsKey(outline)) {
                // Two spellings of one country in the data (say "Russia" and "Russian Federation"): one fill only.
                whyNotOnMap.put(country, "its outline shows " + answeredOutlines.get(outline));
            } else {
                answeredOutlines.put(outline, country);
            }
        }
        Equirectangular projection = WorldOutlines.PROJECTION;
        StringBuilder html = new StringBuilder();
        html.append(String.format(Locale.ROOT, "<svg class=\"map\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\""
                + " height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\">%n", projection.width(),
                projection.height(), projection.width(), projection.height()));
        html.append(String.format(Locale.ROOT, "<rect class=\"ocean\" width=\"%.0f\" height=\"%.0f\" fill=\"%s\"/>%n",
                projection.width(), projection.height(), OCEAN));
        for (String outline : outlines.names()) {
            String country = answeredOutlines.get(outline);
            if (country == null) {
                html.append("<path class=\"land\" fill=\"").append(MapColouring.NO_ANSWER).append("\" d=\"")
                        .append(outlines.path(outline)).append("\"><title>").append(Html.escape(outline))
                        .append(": no answer</title></path>\n");
            } else {
                html.append("<path class=\"answered\" data-country=\"").append(Html.escape(country))
                        .append("\" fill=\"").append(colouring.colourOf().get(country)).append("\" d=\"")
                        .append(outlines.path(outline)).append("\"><title>").append(Html.escape(country))
                        .append(": ").append(Html.escape(String.join("; ", answersOf.get(country))))
                        .append("</title></path>\n");
            }
        }
        html.append("</svg>\n").append(legend(colouring));
        return html.append(notOnMap(whyNotOnMap, answersOf)).toString();
    }

    private static String legend(MapColouring colouring) {
        StringBuilder html = new StringBuilder("<p class=\"legend\">");
        for (MapColouring.Swatch swatch : colouring.legend()) {
            html.append("<span><i style=\"background:").append(swatch.colour()).append("\"></i>")
                    .append(Html.escape(swatch.label())).append("</span> ");
        }
        return html.append("</p>\n").toString();
    }

    /** The answered countries without an outline of their own, grouped by why, each with its answer. */
    private static String notOnMap(Map<String, String> whyNotOnMap, Map<String, List<String>> answersOf) {
        if (whyNotOnMap.isEmpty()) {
            return "<p class=\"meta not-on-map\">Every answered country is on the map.</p>\n";
        }
        Map<String, List<String>> byWhy = new TreeMap<>();
        whyNotOnMap.forEach((country, why) -> byWhy.computeIfAbsent(why, w -> new ArrayList<>()).add("<b>"
                + Html.escape(country) + "</b>: " + Html.escape(String.join("; ", answersOf.get(country)))));
        int count = whyNotOnMap.size();
        StringBuilder html = new StringBuilder("<div class=\"not-on-map\"><p>Not on the map: ").append(count)
                .append(count == 1 ? " answered country" : " answered countries")
                .append(" (in the table below too).</p>\n");
        byWhy.forEach((why, entries) -> html.append("<p><span class=\"why\">").append(Html.escape(why))
                .append(":</span> ").append(String.join(", ", entries)).append("</p>\n"));
        return html.append("</div>\n").toString();
    }

    /** Each country's answer rows as text (e.g. {@code art · 12}), countries in the result's order. */
    private static Map<String, List<String>> answers(ResultTable result, String countryColumn, List<String> columns) {
        Map<String, List<String>> answersOf = new LinkedHashMap<>();
        for (List<Object> row : result.rows()) {
            String answer = columns.stream().map(column -> Charts.display(row.get(result.column(column))))
                    .collect(Collectors.joining(" · "));
            answersOf.computeIfAbsent(MapColouring.name(row.get(result.column(countryColumn))),
                    country -> new ArrayList<>()).add(answer);
        }
        return answersOf;
    }
}
