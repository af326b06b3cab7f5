package io.pinpipe.spark.report;

import io.pinpipe.spark.ResultTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fill of each answered country on a map, and the legend that explains the fills: one colour per category
 * (question 1's answer), or a colour scale of a number (question 3's follower counts).
 *
 * @param colourOf the fill of each answered country, by the result's country name
 * @param legend   what each colour means, in legend order
 */
record MapColouring(Map<String, String> colourOf, List<Swatch> legend) {

    /** The fill of land without an answer. */
    static final String NO_ANSWER = "#e2e2e2";
    /** A country whose answer is two or more tied categories. */
    static final String TIE = "#8f8f8f";
    static final String OTHER = "#c8b98f";
    /** Distinct colours for categories (the dataset has 13); categories past them share {@link #OTHER}. */
    static final List<String> CATEGORY_COLOURS = List.of("#1f6fb2", "#f28e2b", "#2f9e44", "#c8232c", "#8e5ac8",
            "#8c5a3c", "#e56db1", "#b8b02f", "#17a9b8", "#2b2f7a", "#6b8e23", "#f2c14e", "#7a1f5c", "#5fd3a4");
    /** Light to dark, low to high. */
    static final List<String> SCALE_COLOURS = List.of("#fde0d2", "#fbb195", "#f67b5a", "#d8372c", "#99101a");

    /** One legend entry. */
    record Swatch(String colour, String label) {
    }

    /**
     * Each country coloured by the category its rows name; a country with several rows (tied categories) in
     * {@link #TIE}. Categories take colours in name order.
     */
    static MapColouring byCategory(ResultTable result, String countryColumn, String categoryColumn) {
        Map<String, TreeSet<String>> categoriesOf = new TreeMap<>();
        for (List<Object> row : result.rows()) {
            categoriesOf.computeIfAbsent(name(row.get(result.column(countryColumn))), c -> new TreeSet<>())
                    .add(name(row.get(result.column(categoryColumn))));
        }
        TreeSet<String> categories = new TreeSet<>();
        categoriesOf.values().stream().filter(set -> set.size() == 1).forEach(categories::addAll);
        Map<String, String> colourOfCategory = new LinkedHashMap<>();
        List<Swatch> legend = new ArrayList<>();
        for (String category : categories) {
            int index = colourOfCategory.size();
            String colour = index < CATEGORY_COLOURS.size() ? CATEGORY_COLOURS.get(index) : OTHER;
            colourOfCategory.put(category, colour);
            if (index < CATEGORY_COLOURS.size()) {
                legend.add(new Swatch(colour, category));
            }
        }
        if (categories.size() > CATEGORY_COLOURS.size()) {
            legend.add(new Swatch(OTHER, "other categories"));
        }
        Map<String, String> colourOf = new TreeMap<>();
        categoriesOf.forEach((country, tied) ->
                colourOf.put(country, tied.size() == 1 ? colourOfCategory.get(tied.first()) : TIE));
        if (colourOf.containsValue(TIE)) {
            legend.add(new Swatch(TIE, "a tie (see the table)"));
        }
        legend.add(new Swatch(NO_ANSWER, "no answer"));
        return new MapColouring(colourOf, legend);
    }

    /**
     * Each country coloured by its largest {@code valueColumn} on a scale of {@link #SCALE_COLOURS}, in steps of
     * equal ratio between the smallest and the largest value: follower counts run from tens to millions, and equal
     * steps would paint all but a few countries the palest colour.
     */
    static MapColouring byScale(ResultTable result, String countryColumn, String valueColumn) {
        Map<String, Double> valueOf = new TreeMap<>();
        for (List<Object> row : result.rows()) {
            valueOf.merge(name(row.get(result.column(countryColumn))), Charts.numberAt(result, row, valueColumn),
                    Math::max);
        }
        Scale scale = Scale.of(valueOf.values(), SCALE_COLOURS.size());
        Map<String, String> colourOf = new TreeMap<>();
        valueOf.forEach((country, value) -> colourOf.put(country, SCALE_COLOURS.get(scale.step(value))));
        List<Swatch> legend = new ArrayList<>();
        for (int step = 0; step < scale.steps(); step++) {
            legend.add(new Swatch(SCALE_COLOURS.get(step), valueColumn + " " + scale.label(step)));
        }
        legend.add(new Swatch(NO_ANSWER, "no answer"));
        return new MapColouring(colourOf, legend);
    }

    /** A country or category as the map shows it; a missing one reads as the tables show it. */
    static String name(Object value) {
        return Charts.display(value);
    }

    /** Steps of equal ratio between {@code low} and {@code high}, measured on {@code log(1 + value)}. */
    record Scale(double low, double high, int steps) {

        static Scale of(Iterable<Double> values, int steps) {
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (double value : values) {
                low = Math.min(low, Math.max(value, 0));
                high = Math.max(high, Math.max(value, 0));
            }
            if (low > high) {
                return new Scale(0, 0, 1);
            }
            return new Scale(Math.log1p(low), Math.log1p(high), low == high ? 1 : steps);
        }

        int step(double value) {
            if (steps == 1) {
                return 0;
            }
            double position = (Math.log1p(Math.max(value, 0)) - low) / (high - low);
            return Math.min(steps - 1, Math.max(0, (int) Math.floor(position * steps)));
        }

        /** The values of a step, e.g. {@code 1000 to 9999}, rounded to whole numbers; the last step ends at the top. */
        String label(int step) {
            long from = bound(step);
            if (steps == 1) {
                return ResultTable.format(from);
            }
            long to = step == steps - 1 ? bound(steps) : Math.max(from, bound(step + 1) - 1);
            return ResultTable.format(from) + " to " + ResultTable.format(to);
        }

        private long bound(int step) {
            return Math.round(Math.expm1(low + (high - low) * step / steps));
        }
    }
}
