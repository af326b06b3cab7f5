package io.pinpipe.spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.common.JsonTree;
import io.pinpipe.common.TestData;
import io.pinpipe.spark.Chromium;
import io.pinpipe.spark.ResultTable;
import io.pinpipe.spark.questions.Questions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's maps as a person sees them: questions 1 and 3 answered from the real sample's cleaned pins (in plain
 * Java, no Spark), the report opened in headless Chromium, and the first map found on the screenshot by its ocean
 * colour. Inside large countries the screen shows exactly the fill the page gives them. The map's screenshot is kept
 * as {@code target/report-map.png} (the one in docs/images comes from here).
 */
class ReportMapIT {

    /** A point well inside each of a few large countries: longitude, latitude. */
    private static final Map<String, double[]> INSIDE = Map.of(
            "Brazil", new double[] {-50, -10}, "Australia", new double[] {134, -25},
            "Russian Federation", new double[] {100, 62}, "Canada", new double[] {-105, 58},
            "China", new double[] {103, 33}, "Algeria", new double[] {3, 27});
    private static final Pattern FILL = Pattern.compile("data-country=\"([^\"]+)\" fill=\"#([0-9a-f]{6})\"");

    @TempDir
    Path dir;

    @Test
    void theRealSampleAnswersAreDrawnInTheirColoursOnTheRenderedMap() throws Exception {
        List<ResultTable> answers = realSampleAnswers();
        String html = Report.html("real sample", Instant.parse("2026-01-01T00:00:00Z"), answers, List.of());
        Path page = Files.writeString(dir.resolve("report.html"), html);

        BufferedImage screen = ImageIO.read(Chromium.screenshot(page, dir).toFile());

        Rectangle map = firstMap(screen);
        Equirectangular projection = WorldOutlines.PROJECTION;
        assertThat(map.width).isEqualTo((int) projection.width());
        // Antarctica covers the last rows from edge to edge, so the ocean ends a little above the map's bottom.
        assertThat(map.height).isBetween((int) projection.height() - 12, (int) projection.height() + 1);
        Map<String, Integer> fills = fillsOfFirstMap(html);
        assertThat(fills).containsKeys(INSIDE.keySet().toArray(String[]::new));
        INSIDE.forEach((country, lonLat) -> {
            int x = map.x + (int) Math.round(projection.x(lonLat[0]));
            int y = map.y + (int) Math.round(projection.y(lonLat[1]));
            assertThat(Integer.toHexString(screen.getRGB(x, y) & 0xffffff)).as(country)
                    .isEqualTo(Integer.toHexString(fills.get(country)));
        });
        // The map with its legend, which runs as wide as the page's 1000-pixel column.
        int left = Math.max(0, map.x - 8);
        int top = Math.max(0, map.y - 8);
        BufferedImage crop = screen.getSubimage(left, top, Math.min(screen.getWidth() - left, 1016),
                Math.min(screen.getHeight() - top, (int) projection.height() + 66));
        Path png = Files.createDirectories(Path.of("target")).resolve("report-map.png");
        assertThat(ImageIO.write(crop, "png", png.toFile())).isTrue();
    }

    /** The ocean's pixels of the page's first map: its top row, down to the first row without ocean. */
    private static Rectangle firstMap(BufferedImage screen) {
        int ocean = Integer.parseInt(CountryMap.OCEAN.substring(1), 16);
        int top = -1;
        int left = Integer.MAX_VALUE;
        int right = -1;
        int y = 0;
        for (; y < screen.getHeight(); y++) {
            int rowLeft = -1;
            int rowRight = -1;
            for (int x = 0; x < screen.getWidth(); x++) {
                if ((screen.getRGB(x, y) & 0xffffff) == ocean) {
                    rowLeft = rowLeft < 0 ? x : rowLeft;
                    rowRight = x;
                }
            }
            if (rowLeft < 0 && top >= 0) {
                break;
            }
            if (rowLeft >= 0) {
                top = top < 0 ? y : top;
                left = Math.min(left, rowLeft);
                right = Math.max(right, rowRight);
            }
        }
        assertThat(top).as("the ocean colour of a map is on the screen").isNotNegative();
        return new Rectangle(left, top, right - left + 1, y - top);
    }

    private static Map<String, Integer> fillsOfFirstMap(String html) {
        String first = html.substring(0, html.indexOf("</svg>", html.indexOf("<svg class=\"map\"")));
        Map<String, Integer> fills = new HashMap<>();
        Matcher fill = FILL.matcher(first);
        while (fill.find()) {
            fills.put(fill.group(1), Integer.parseInt(fill.group(2), 16));
        }
        return fills;
    }

    /** Questions 1 and 3a over the cleaned pins of the real sample and the complete geo table. */
    private static List<ResultTable> realSampleAnswers() throws IOException {
        Map<Integer, String> countryOf = new HashMap<>();
        for (JsonNode geo : rows(TestData.realSample().resolve("geolocation_data.jsonl"))) {
            countryOf.put(geo.get("ind").asInt(), geo.get("country").asText());
        }
        Map<String, Map<String, Long>> categoryCounts = new TreeMap<>();
        Map<String, JsonNode> topPin = new TreeMap<>();
        for (JsonNode pin : rows(TestData.realSample().resolve("cleaned/pin.jsonl"))) {
            String country = countryOf.get(pin.get("ind").asInt());
            if (country == null) {
                continue;
            }
            if (!pin.path("category").isNull()) {
                categoryCounts.computeIfAbsent(country, c -> new TreeMap<>())
                        .merge(pin.get("category").asText(), 1L, Long::sum);
            }
            if (pin.path("follower_count").isNumber()) {
                topPin.merge(country, pin, (a, b) ->
                        a.get("follower_count").asLong() >= b.get("follower_count").asLong() ? a : b);
            }
        }
        List<List<Object>> q1 = new ArrayList<>();
        categoryCounts.forEach((country, counts) -> {
            long top = counts.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            counts.forEach((category, count) -> {
                if (count == top) {
                    q1.add(List.of(country, category, count));
                }
            });
        });
        List<List<Object>> q3 = new ArrayList<>();
        topPin.forEach((country, pin) -> q3.add(List.of(country, pin.get("poster_name").asText(),
                pin.get("follower_count").asLong())));
        return List.of(new ResultTable(Questions.all().get(0), List.of("country", "category", "category_count"), q1),
                new ResultTable(Questions.all().get(2), List.of("country", "poster_name", "follower_count"), q3));
    }

    private static List<JsonNode> rows(Path jsonLines) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(jsonLines)) {
            rows.add(JsonTree.parse(line));
        }
        return rows;
    }
}
