package io.pinpipe.emulator.dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facts about the course dataset that the generator reproduces, read once from the module's resources
 * ({@code io/pinpipe/emulator/dataset/*.tsv}, derived from the real sample by {@code tools/derive_dataset_facts.py}).
 * Immutable and shared by every generator.
 */
final class FactTables {

    private static final String FOLDER = "/io/pinpipe/emulator/dataset/";
    private static final FactTables INSTANCE = new FactTables();

    final WeightedChoice<String> countries = weighted("countries.tsv");
    final WeightedChoice<String> firstNames = weighted("first_names.tsv");
    final WeightedChoice<String> lastNames = weighted("last_names.tsv");
    final WeightedChoice<String> ages = weighted("ages.tsv");
    final WeightedChoice<String> joinYears = weighted("join_years.tsv");
    final double[] latitudePermilles = numbers("coordinates.tsv", "latitude");
    final double[] longitudePermilles = numbers("coordinates.tsv", "longitude");
    final double[] titleLengths = numbers("lengths.tsv", "title");
    final double[] descriptionLengths = numbers("lengths.tsv", "description");
    final double[] cutDescriptionLengths = numbers("lengths.tsv", "description_cut");
    final double[] posterNameLengths = numbers("lengths.tsv", "poster_name");
    final long[][] groupSizes = groupSizes();
    final List<Category> categories = categories();
    final String[] posterWords = column("poster_words.tsv", 0);
    final String[] exoticWords = column("exotic_words.tsv", 0);

    private FactTables() {
    }

    static FactTables get() {
        return INSTANCE;
    }

    /** One category block of the pin table, with its vocabulary and its shares of story and video rows. */
    record Category(String name, long indexSpan, double storyShare, double videoShare, String[] tags,
                    String[] titleWords, String[] lowerCaseWords) {
    }

    /** Linear interpolation in a table of evenly spaced quantiles (percentiles, permilles). */
    static double quantile(double[] table, double q) {
        double position = q * (table.length - 1);
        int low = (int) Math.floor(position);
        if (low >= table.length - 1) {
            return table[table.length - 1];
        }
        double fraction = position - low;
        return table[low] + fraction * (table[low + 1] - table[low]);
    }

    private List<Category> categories() {
        Map<String, List<String>> tags = grouped("tags.tsv");
        Map<String, List<String>> words = grouped("title_words.tsv");
        List<Category> result = new ArrayList<>();
        for (String[] row : rows("categories.tsv")) {
            double sampleRows = Double.parseDouble(row[2]);
            result.add(new Category(row[0], Long.parseLong(row[1]), Double.parseDouble(row[3]) / sampleRows,
                    Double.parseDouble(row[4]) / sampleRows, tags.get(row[0]).toArray(String[]::new),
                    words.get(row[0]).toArray(String[]::new),
                    words.get(row[0]).stream().map(word -> word.toLowerCase(Locale.ROOT)).toArray(String[]::new)));
        }
        return List.copyOf(result);
    }

    private static long[][] groupSizes() {
        List<String[]> rows = rows("group_sizes.tsv");
        long[][] sizes = new long[rows.size()][];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = new long[] {Long.parseLong(rows.get(i)[0]), Long.parseLong(rows.get(i)[1])};
        }
        return sizes;
    }

    private static WeightedChoice<String> weighted(String file) {
        List<String[]> rows = rows(file);
        List<String> values = new ArrayList<>(rows.size());
        double[] weights = new double[rows.size()];
        for (int i = 0; i < weights.length; i++) {
            values.add(rows.get(i)[0]);
            weights[i] = Double.parseDouble(rows.get(i)[1]);
        }
        return new WeightedChoice<>(values, weights);
    }

    private static double[] numbers(String file, String key) {
        for (String[] row : rows(file)) {
            if (row[0].equals(key)) {
                double[] values = new double[row.length - 1];
                for (int i = 1; i < row.length; i++) {
                    values[i - 1] = Double.parseDouble(row[i]);
                }
                return values;
            }
        }
        throw new IllegalStateException("resource " + file + " has no row '" + key + "'");
    }

    private static String[] column(String file, int column) {
        return rows(file).stream().map(row -> row[column]).toArray(String[]::new);
    }

    private static Map<String, List<String>> grouped(String file) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String[] row : rows(file)) {
            groups.computeIfAbsent(row[0], key -> new ArrayList<>()).add(row[1]);
        }
        return groups;
    }

    private static List<String[]> rows(String file) {
        InputStream in = FactTables.class.getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new IllegalStateException("resource " + FOLDER + file + " is missing from the class path");
        }
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    rows.add(line.split("\t", -1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + file, e);
        }
        return rows;
    }
}
