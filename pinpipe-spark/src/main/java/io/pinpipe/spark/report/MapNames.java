package io.pinpipe.spark.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which outline draws a country of the dataset ({@code map-names.txt}): the dataset spells names its own way
 * ("Russian Federation", "Cote d'Ivoire"), Natural Earth another ("Russia", "Côte d'Ivoire"), and some of the dataset's
 * places have no outline at 1:110m or no single one ("Korea"). A name the table does not mention is looked up as it
 * is; one with no outline is never dropped: the map lists it as not on the map, with the table's reason.
 */
final class MapNames {

    static final String RESOURCE = "map-names.txt";
    static final String NO_OUTLINE = "no outline of that name";

    private final Map<String, String> outlineOf;
    private final Map<String, String> whyNotOnMap;

    MapNames(Map<String, String> outlineOf, Map<String, String> whyNotOnMap) {
        this.outlineOf = Map.copyOf(outlineOf);
        this.whyNotOnMap = Map.copyOf(whyNotOnMap);
    }

    static MapNames get() {
        return Holder.INSTANCE;
    }

    /** The outline's name for a dataset country, when the table says it is not on the map: empty. */
    Optional<String> outlineName(String country) {
        if (country == null || whyNotOnMap.containsKey(country)) {
            return Optional.empty();
        }
        return Optional.of(outlineOf.getOrDefault(country, country));
    }

    /** The names the table maps to another spelling, and to which outline. */
    Map<String, String> aliases() {
        return outlineOf;
    }

    /** The names the table lists as not on the map, with why. */
    Map<String, String> notOnMap() {
        return whyNotOnMap;
    }

    /** Why a country has no outline: the table's reason, or {@link #NO_OUTLINE} for a name it does not know. */
    String whyNotOnMap(String country) {
        return country == null ? "no country" : whyNotOnMap.getOrDefault(country, NO_OUTLINE);
    }

    static MapNames parse(InputStream in) throws IOException {
        Map<String, String> outlineOf = new HashMap<>();
        Map<String, String> whyNotOnMap = new HashMap<>();
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int alias = line.indexOf(" = ");
            int absent = line.indexOf(" ! ");
            if (alias < 0 && absent < 0) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + " is neither \"name = outline\""
                        + " nor \"name ! why\": " + line);
            }
            boolean isAlias = alias >= 0 && (absent < 0 || alias < absent);
            int split = isAlias ? alias : absent;
            String name = line.substring(0, split);
            Map<String, String> into = isAlias ? outlineOf : whyNotOnMap;
            if (outlineOf.containsKey(name) || whyNotOnMap.containsKey(name)) {
                throw new IllegalArgumentException(RESOURCE + " line " + number + " names " + name + " again");
            }
            into.put(name, line.substring(split + 3));
        }
        return new MapNames(outlineOf, whyNotOnMap);
    }

    private static final class Holder {

        private static final MapNames INSTANCE = load();

        private static MapNames load() {
            try (InputStream in = MapNames.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
                }
                return parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }
}
