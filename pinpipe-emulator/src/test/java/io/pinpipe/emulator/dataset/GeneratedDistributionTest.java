package io.pinpipe.emulator.dataset;

import io.pinpipe.common.PinRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default-size dataset (11,153 rows, seed 1) against the real sample. Real values are computed from the
 * repository's copy ({@code testdata/real-sample}) at test time, never copied into the test. Every tolerance is stated
 * where it is used: shares of pin rows allow the sampling noise of two independent samples (the real pins are 4,614
 * rows) plus a little; shares of person attributes allow more, because a handful of big posters own 2% of the rows
 * each, so those shares move in steps of whole posters in the real table and in ours alike.
 */
class GeneratedDistributionTest {

    private static final double SAMPLE_PINS = 4614;

    private static List<SourceRow> generated;
    private static List<Map<String, Object>> realPins;
    private static List<Map<String, Object>> realGeo;
    private static List<Map<String, Object>> realUsers;

    @BeforeAll
    static void load() {
        Path sample = RealSampleRows.folder();
        realPins = RealSampleRows.rows(sample.resolve("pinterest_data.jsonl"));
        realGeo = RealSampleRows.rows(sample.resolve("geolocation_data.jsonl"));
        realUsers = RealSampleRows.rows(sample.resolve("user_data.jsonl"));
        generated = new DatasetGenerator(1, DatasetGenerator.DEFAULT_ROWS).rows().toList();
    }

    @Test
    void categoryBlocksHaveTheRealOrderAndProportions() {
        // Order: exactly the real block order. Size: each block within ±0.5 percentage points of its real span.
        Map<String, int[]> real = new LinkedHashMap<>();
        realPins.stream().sorted(Comparator.comparing(p -> (Integer) p.get("index"))).forEach(p -> real
                .computeIfAbsent((String) p.get("category"), c -> new int[] {(Integer) p.get("index"), 0})[1] =
                (Integer) p.get("index"));
        List<String> realOrder = new ArrayList<>(real.keySet());
        Map<String, Long> counts = generated.stream().collect(Collectors.groupingBy(r -> r.pin().category(),
                LinkedHashMap::new, Collectors.counting()));
        assertThat(new ArrayList<>(counts.keySet())).isEqualTo(realOrder);
        for (int i = 0; i < realOrder.size(); i++) {
            int start = i == 0 ? 0 : real.get(realOrder.get(i))[0];
            int end = i + 1 < realOrder.size() ? real.get(realOrder.get(i + 1))[0] : real.get(realOrder.get(i))[1] + 1;
            double realShare = (end - start) / (double) (real.get(realOrder.get(realOrder.size() - 1))[1] + 1);
            assertShare(realOrder.get(i) + " block", counts.get(realOrder.get(i)) / (double) generated.size(),
                    realShare, 0.005);
        }
    }

    @Test
    void kindsOfPinHaveTheRealShares() {
        // ±1.5 percentage points: about 3 standard errors of the 7.5% story share over the two samples.
        for (String kind : List.of(Pins.IMAGE, Pins.VIDEO, Pins.STORY)) {
            assertShare(kind, pinShare(p -> p.isImageOrVideo().equals(kind)),
                    realPinShare(p -> kind.equals(p.get("is_image_or_video"))), 0.015);
        }
    }

    @Test
    void everyPlaceholderAppearsAtItsRealRate() {
        // Each placeholder within ±0.6 percentage points of its real rate (rates are 0.7%..7.5%; 3 standard errors
        // of the 1.5% rates over both samples), and present at all.
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("title", Pins.NO_TITLE);
        placeholders.put("description", Pins.STORY_DESCRIPTION);
        placeholders.put("poster_name", People.USER_INFO_ERROR);
        placeholders.put("follower_count", People.USER_INFO_ERROR);
        placeholders.put("tag_list", Pins.NO_TAGS);
        placeholders.put("image_src", Pins.IMAGE_ERROR);
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            String column = placeholder.getKey();
            double share = pinShare(p -> placeholder.getValue().equals(pinColumn(p, column)));
            assertThat(share).as("%s placeholder present", column).isPositive();
            assertShare(column + " = " + placeholder.getValue(), share,
                    realPinShare(p -> placeholder.getValue().equals(p.get(column))), 0.006);
        }
        assertShare("description = No description available", pinShare(p -> p.description()
                .equals(Pins.NO_DESCRIPTION)), realPinShare(p -> Pins.NO_DESCRIPTION.equals(p.get("description"))),
                0.006);
        assertShare("downloaded = 0", pinShare(p -> p.downloaded() == 0),
                realPinShare(p -> Integer.valueOf(0).equals(p.get("downloaded"))), 0.006);
    }

    @Test
    void followerCountFormatsHaveTheRealSharesAndMedian() {
        // Only real formats; each format with 1%+ of the real rows within ±5 percentage points: a follower count
        // belongs to a poster, and the five biggest posters own 6% of the rows, so these shares move in steps of
        // 1-2 points in the real table and in ours. The median within a factor of 2 of the real one (32k).
        Function<String, String> format = f -> f.equals(People.USER_INFO_ERROR) ? "error"
                : f.replaceAll("[0-9]", "N");
        Map<String, Double> real = shares(realPins.stream().map(p -> format.apply((String) p.get("follower_count")))
                .toList());
        Map<String, Double> ours = shares(generated.stream().map(r -> format.apply(r.pin().followerCount())).toList());
        assertThat(real.keySet()).containsAll(ours.keySet());
        real.entrySet().stream().filter(e -> e.getValue() >= 0.01).forEach(e -> assertShare("follower format "
                + e.getKey(), ours.getOrDefault(e.getKey(), 0.0), e.getValue(), 0.05));
        double realMedian = median(realPins.stream().map(p -> (String) p.get("follower_count"))
                .filter(f -> !f.equals(People.USER_INFO_ERROR)).map(GeneratedDistributionTest::followers).toList());
        double ourMedian = median(generated.stream().map(r -> r.pin().followerCount())
                .filter(f -> !f.equals(People.USER_INFO_ERROR)).map(GeneratedDistributionTest::followers).toList());
        assertThat(ourMedian).as("median follower count, real %s, tolerance factor 2", realMedian)
                .isBetween(realMedian / 2, realMedian * 2);
    }

    @Test
    void countriesHaveTheRealNamesAndTopTenSkew() {
        // Names: only real ones, and at least 235 of the 243 at this size (the rarest real ones have 5 rows).
        // Top 10: at least 7 of the real top 10 among our top 15 (the order among them is set by a few big posters),
        // and together within ±5 percentage points of their
        // real share (about 32%).
        Map<String, Long> real = realGeo.stream().collect(Collectors.groupingBy(g -> (String) g.get("country"),
                Collectors.counting()));
        Map<String, Long> ours = generated.stream().collect(Collectors.groupingBy(r -> r.geo().country(),
                Collectors.counting()));
        assertThat(real.keySet()).containsAll(ours.keySet());
        assertThat(ours).as("distinct countries, real %s", real.size()).hasSizeGreaterThanOrEqualTo(235);
        Set<String> realTop = top(real, 10);
        Set<String> ourTop = top(ours, 15);
        assertThat(realTop.stream().filter(ourTop::contains).count()).as("real top 10 %s, our top 15 %s", realTop,
                        ourTop)
                .isGreaterThanOrEqualTo(7);
        double realShare = realTop.stream().mapToLong(real::get).sum() / (double) realGeo.size();
        double ourShare = realTop.stream().mapToLong(c -> ours.getOrDefault(c, 0L)).sum() / (double) generated.size();
        assertShare("real top-10 countries", ourShare, realShare, 0.05);
    }

    @Test
    void agesAndJoinYearsHaveTheRealShares() {
        // ±3 percentage points per age group and join year (person attributes, see the class comment); median age
        // within ±1 year.
        Function<Integer, String> group = age -> age <= 24 ? "18-24" : age <= 35 ? "25-35" : age <= 50 ? "36-50"
                : "50+";
        compareShares("age group", realUsers.stream().map(u -> group.apply((Integer) u.get("age"))).toList(),
                generated.stream().map(r -> group.apply(r.user().age())).toList(), 0.03);
        compareShares("join year", realUsers.stream().map(u -> ((String) u.get("date_joined")).substring(0, 4))
                .toList(), generated.stream().map(r -> Integer.toString(r.user().dateJoined().getYear())).toList(),
                0.03);
        double realMedian = median(realUsers.stream().map(u -> ((Integer) u.get("age")).doubleValue()).toList());
        double ourMedian = median(generated.stream().map(r -> (double) r.user().age()).toList());
        assertThat(ourMedian).as("median age, real %s, ±1", realMedian).isBetween(realMedian - 1, realMedian + 1);
    }

    @Test
    void postYearsAndCoordinateSkewsHaveTheRealShares() {
        // Post years ±1.5 percentage points (drawn per row); latitude < -60 and longitude < -150 ±3 points (drawn
        // per person).
        compareShares("post year", realGeo.stream().map(g -> ((String) g.get("timestamp")).substring(0, 4)).toList(),
                generated.stream().map(r -> Integer.toString(r.geo().timestamp().getYear())).toList(), 0.015);
        assertShare("latitude < -60", generated.stream().filter(r -> r.geo().latitude() < -60).count()
                / (double) generated.size(), realGeo.stream().filter(g -> ((Number) g.get("latitude")).doubleValue()
                < -60).count() / (double) realGeo.size(), 0.03);
        assertShare("longitude < -150", generated.stream().filter(r -> r.geo().longitude() < -150).count()
                / (double) generated.size(), realGeo.stream().filter(g -> ((Number) g.get("longitude")).doubleValue()
                < -150).count() / (double) realGeo.size(), 0.03);
    }

    @Test
    void repeatedPeopleOwnTheRealShareOfRows() {
        // Share of rows owned by people with several rows ±3 percentage points; distinct people and repeated people
        // within ±10%; the biggest poster's rows within ±20%.
        Map<String, Long> real = realUsers.stream().collect(Collectors.groupingBy(u -> u.get("first_name") + "|"
                + u.get("last_name") + "|" + u.get("age") + "|" + u.get("date_joined"), Collectors.counting()));
        Map<String, Long> ours = generated.stream().collect(Collectors.groupingBy(r -> r.user().firstName() + "|"
                + r.user().lastName() + "|" + r.user().age() + "|" + r.user().dateJoined(), Collectors.counting()));
        assertShare("rows of repeated people", repeatedRows(ours) / (double) generated.size(),
                repeatedRows(real) / (double) realUsers.size(), 0.03);
        assertWithin("distinct people", ours.size(), real.size(), 0.10);
        assertWithin("repeated people", ours.values().stream().filter(n -> n > 1).count(),
                real.values().stream().filter(n -> n > 1).count(), 0.10);
        assertWithin("biggest poster's rows", ours.values().stream().mapToLong(n -> n).max().orElseThrow(),
                real.values().stream().mapToLong(n -> n).max().orElseThrow(), 0.20);
    }

    @Test
    void tagListsAndTextLengthsMatchTheReal() {
        // 9-tag lists: at least 99% of lists (real 99.8%). Medians: tag list ±10 characters, title ±5, description
        // ±10, poster name ±3. Oddities present: line breaks in titles, "…\u00a0" endings at their rate ±3 points.
        Predicate<String> realTags = t -> !t.equals(Pins.NO_TAGS);
        List<String> tagLists = generated.stream().map(r -> r.pin().tagList()).filter(realTags).toList();
        assertThat(tagLists.stream().filter(t -> t.split(",", -1).length == 9).count() / (double) tagLists.size())
                .as("share of 9-tag lists").isGreaterThanOrEqualTo(0.99);
        assertMedian("tag_list length", tagLists, realPins.stream().map(p -> (String) p.get("tag_list"))
                .filter(realTags).toList(), 10);
        assertMedian("title length", generated.stream().map(r -> r.pin().title()).toList(),
                realPins.stream().map(p -> (String) p.get("title")).toList(), 5);
        assertMedian("description length", generated.stream().map(r -> r.pin().description()).toList(),
                realPins.stream().map(p -> (String) p.get("description")).toList(), 10);
        assertMedian("poster_name length", generated.stream().map(r -> r.pin().posterName()).toList(),
                realPins.stream().map(p -> (String) p.get("poster_name")).toList(), 3);
        assertThat(generated.stream().filter(r -> r.pin().title().contains("\n")).count()).as("titles with \\n")
                .isPositive();
        assertShare("descriptions ending …\\u00a0", pinShare(p -> p.description().endsWith(PinTexts.CUT_ENDING)),
                realPinShare(p -> ((String) p.get("description")).endsWith(PinTexts.CUT_ENDING)), 0.03);
        assertShare("titles with non-ASCII", pinShare(p -> !p.title().chars().allMatch(c -> c < 128)),
                realPinShare(p -> !((String) p.get("title")).chars().allMatch(c -> c < 128)), 0.03);
    }

    private static String pinColumn(PinRecord pin, String column) {
        return switch (column) {
            case "title" -> pin.title();
            case "description" -> pin.description();
            case "poster_name" -> pin.posterName();
            case "follower_count" -> pin.followerCount();
            case "tag_list" -> pin.tagList();
            case "image_src" -> pin.imageSrc();
            default -> throw new IllegalArgumentException(column);
        };
    }

    private static double pinShare(Predicate<PinRecord> test) {
        return generated.stream().map(SourceRow::pin).filter(test).count() / (double) generated.size();
    }

    private static double realPinShare(Predicate<Map<String, Object>> test) {
        return realPins.stream().filter(test).count() / SAMPLE_PINS;
    }

    private static long repeatedRows(Map<String, Long> people) {
        return people.values().stream().filter(n -> n > 1).mapToLong(n -> n).sum();
    }

    private static Map<String, Double> shares(List<String> values) {
        Map<String, Double> shares = new HashMap<>();
        values.forEach(v -> shares.merge(v, 1.0 / values.size(), Double::sum));
        return shares;
    }

    private static void compareShares(String what, List<String> real, List<String> ours, double tolerance) {
        Map<String, Double> realShares = shares(real);
        Map<String, Double> ourShares = shares(ours);
        assertThat(ourShares.keySet()).as(what + " values").isEqualTo(realShares.keySet());
        realShares.forEach((key, share) -> assertShare(what + " " + key, ourShares.get(key), share, tolerance));
    }

    private static Set<String> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(Map.Entry::getKey).collect(Collectors.toCollection(HashSet::new));
    }

    private static double followers(String text) {
        if (text.endsWith("k")) {
            return Double.parseDouble(text.substring(0, text.length() - 1)) * 1_000;
        }
        if (text.endsWith("M")) {
            return Double.parseDouble(text.substring(0, text.length() - 1)) * 1_000_000;
        }
        return Double.parseDouble(text);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void assertMedian(String what, List<String> ours, List<String> real, double tolerance) {
        double realMedian = median(real.stream().map(s -> (double) s.length()).toList());
        double ourMedian = median(ours.stream().map(s -> (double) s.length()).toList());
        assertThat(ourMedian).as("median %s: ours %s, real %s, tolerance ±%s", what, ourMedian, realMedian, tolerance)
                .isBetween(realMedian - tolerance, realMedian + tolerance);
    }

    private static void assertShare(String what, double ours, double real, double tolerance) {
        assertThat(ours).as("share of %s: ours %.4f, real %.4f, tolerance ±%.1f percentage points", what, ours, real,
                tolerance * 100).isBetween(real - tolerance, real + tolerance);
    }

    private static void assertWithin(String what, double ours, double real, double relative) {
        assertThat(ours).as("%s: ours %s, real %s, tolerance ±%.0f%%", what, ours, real, relative * 100)
                .isBetween(real * (1 - relative), real * (1 + relative));
    }
}
