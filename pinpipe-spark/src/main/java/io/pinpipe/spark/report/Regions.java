package io.pinpipe.spark.report;

import io.pinpipe.spark.ResultTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The world region of each country name of the dataset ({@code regions.txt}, a static mapping of its 243 names),
 * so the report can group its per-country tables by region instead of listing 200 countries alphabetically.
 * Regions come roughly west to east; a name the mapping does not know is in {@link #OTHER}, last.
 */
public final class Regions {

    public static final String OTHER = "other";

    private static final String RESOURCE = "regions.txt";
    private static final Regions INSTANCE = load();

    private final List<String> order;
    private final Map<String, String> regionOf;

    private Regions(List<String> order, Map<String, String> regionOf) {
        this.order = List.copyOf(order);
        this.regionOf = Map.copyOf(regionOf);
    }

    public static Regions get() {
        return INSTANCE;
    }

    /** The regions in report order, {@link #OTHER} last. */
    public List<String> order() {
        return order;
    }

    /** The region of a country name, or {@link #OTHER} (for null too). */
    public String regionOf(String country) {
        return country == null ? OTHER : regionOf.getOrDefault(country, OTHER);
    }

    /**
     * The result with a {@code region} column first and its rows ordered by region, then country name; rows of the
     * same country keep their order (ties, such as two equally popular categories, stay together).
     */
    public ResultTable byRegion(ResultTable result, String countryColumn) {
        int country = result.column(countryColumn);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            List<Object> withRegion = new ArrayList<>(row.size() + 1);
            Object name = row.get(country);
            withRegion.add(regionOf(name == null ? null : name.toString()));
            withRegion.addAll(row);
            rows.add(withRegion);
        }
        Comparator<List<Object>> byRegion = Comparator.comparingInt(row -> order.indexOf((String) row.get(0)));
        Comparator<List<Object>> byName = Comparator.comparing(row -> ResultTable.format(row.get(country + 1)));
        rows.sort(byRegion.thenComparing(byName));
        List<String> columns = new ArrayList<>();
        columns.add("region");
        columns.addAll(result.columns());
        return new ResultTable(result.question(), columns, rows);
    }

    private static Regions load() {
        List<String> order = new ArrayList<>();
        Map<String, String> regionOf = new HashMap<>();
        try (InputStream in = Regions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(": ");
                String region = line.substring(0, colon);
                order.add(region);
                for (String country : line.substring(colon + 2).split("\\|")) {
                    if (regionOf.put(country, region) != null) {
                        throw new IllegalStateException(RESOURCE + " lists " + country + " twice");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        order.add(OTHER);
        return new Regions(Collections.unmodifiableList(order), regionOf);
    }
}
