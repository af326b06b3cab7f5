package io.pinpipe.cli.pipeline;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.UserRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cleaning rules of docs/batch.md ("What the job does", with the core placeholders the published cleaned rows in
 * testdata/real-sample/cleaned follow), written again in plain Java from that text, without looking at Spark: the
 * independent side of the whole-pipeline test. Input: source rows as the emulator sends them; output: one clean row per
 * {@code ind}.
 */
public final class ReferenceCleaning {

    /** The core placeholders, per pin column: these values mean "no value" and become null. */
    static final Map<String, String> PLACEHOLDERS = Map.of(
            "title", "No Title Data Available",
            "description", "No description available Story format",
            "poster_name", "User Info Error",
            "follower_count", "User Info Error",
            "tag_list", "N,o, ,T,a,g,s, ,A,v,a,i,l,a,b,l,e",
            "image_src", "Image src error.");

    private static final Pattern COUNT = Pattern.compile("([0-9]+)([kM]?)");
    private static final String SAVE_PREFIX = "Local save in ";

    private ReferenceCleaning() {
    }

    /** The clean tables of a bag of source rows, repeats included (the emulator draws rows many times). */
    public static ReferenceTables tables(Collection<? extends SourceRecord> rows) {
        Map<Integer, CleanRows.Pin> pins = new TreeMap<>();
        Map<Integer, CleanRows.Geo> geos = new TreeMap<>();
        Map<Integer, CleanRows.User> users = new TreeMap<>();
        for (SourceRecord row : rows) {
            if (row instanceof PinRecord pin) {
                pin(pin).ifPresent(clean -> keepOne(pins, clean.ind(), clean));
            } else if (row instanceof GeoRecord geo) {
                keepOne(geos, geo.ind(), geo(geo));
            } else if (row instanceof UserRecord user) {
                keepOne(users, user.ind(), user(user));
            }
        }
        return new ReferenceTables(new ArrayList<>(pins.values()), new ArrayList<>(geos.values()),
                new ArrayList<>(users.values()));
    }

    /** A clean pin, or empty when its follower count is neither a placeholder nor N, Nk or NM (quarantined). */
    static Optional<CleanRows.Pin> pin(PinRecord raw) {
        String followers = nullIfPlaceholder("follower_count", raw.followerCount());
        Integer followerCount = null;
        if (followers != null) {
            Optional<Integer> parsed = followerCount(followers);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            followerCount = parsed.get();
        }
        String save = raw.saveLocation();
        if (save != null && save.startsWith(SAVE_PREFIX)) {
            save = save.substring(SAVE_PREFIX.length());
        }
        return Optional.of(new CleanRows.Pin(raw.index(), raw.uniqueId(), nullIfPlaceholder("title", raw.title()),
                nullIfPlaceholder("description", raw.description()), followerCount,
                nullIfPlaceholder("poster_name", raw.posterName()), nullIfPlaceholder("tag_list", raw.tagList()),
                raw.isImageOrVideo(), nullIfPlaceholder("image_src", raw.imageSrc()), save, raw.category()));
    }

    static CleanRows.Geo geo(GeoRecord raw) {
        return new CleanRows.Geo(raw.ind(), raw.country(), List.of(raw.latitude(), raw.longitude()),
                raw.timestamp());
    }

    static CleanRows.User user(UserRecord raw) {
        return new CleanRows.User(raw.ind(), userName(raw.firstName(), raw.lastName()), raw.age(),
                raw.dateJoined());
    }

    /** {@code 12k} → 12000, {@code 1M} → 1000000, {@code 159} → 159; empty for anything else or beyond an int. */
    static Optional<Integer> followerCount(String text) {
        Matcher matcher = COUNT.matcher(text);
        if (!matcher.matches() || matcher.group(1).length() > 9) {
            return Optional.empty();
        }
        long value = Long.parseLong(matcher.group(1));
        long scaled = switch (matcher.group(2)) {
            case "k" -> value * 1_000L;
            case "M" -> value * 1_000_000L;
            default -> value;
        };
        return scaled > Integer.MAX_VALUE ? Optional.empty() : Optional.of((int) scaled);
    }

    /** First and last name with one space; a missing part leaves the other alone; nothing at all gives null. */
    static String userName(String first, String last) {
        String name = first != null && last != null ? first + " " + last : first != null ? first : last;
        return name == null || name.isEmpty() ? null : name;
    }

    private static String nullIfPlaceholder(String column, String value) {
        return value != null && value.equals(PLACEHOLDERS.get(column)) ? null : value;
    }

    /** One row per id; the emulator sends the same source row each time, so differing copies are a bug. */
    private static <T> void keepOne(Map<Integer, T> rows, int ind, T row) {
        T earlier = rows.putIfAbsent(ind, row);
        if (earlier != null && !earlier.equals(row)) {
            throw new IllegalArgumentException("two different rows for ind " + ind + ": " + earlier + " and " + row);
        }
    }
}
