package io.pinpipe.cli.pipeline;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The eight questions answered in plain Java from clean rows, written from docs/batch.md's semantics alone (not from
 * the Spark job): tables join on {@code ind}; posts count once per {@code ind}; a person is a distinct
 * {@code (user_name, age, date_joined)} whose follower count is the highest on their posts; ties are all returned;
 * medians are exact; nulls never count; rows are ordered by their grouping key. Column names and file names are
 * those of the result files ({@code docs/batch.md}).
 */
public final class ReferenceAnswers {

    static final int FIRST_POST_YEAR = 2018;
    static final int LAST_POST_YEAR = 2022;
    static final int FIRST_JOIN_YEAR = 2015;
    static final int LAST_JOIN_YEAR = 2020;

    /** Stands for "no known count" while taking maxima; every real count is at least 0. */
    private static final int NO_COUNT = -1;

    /** Text in Unicode code point order (the order of UTF-8 bytes, which is how Spark sorts strings). */
    static final Comparator<String> TEXT = (a, b) -> {
        int[] left = a.codePoints().toArray();
        int[] right = b.codePoints().toArray();
        return Arrays.compare(left, right);
    };

    private ReferenceAnswers() {
    }

    /** Every answer, in the order of the questions (question 3 has two). */
    public static List<Answer> of(ReferenceTables tables) {
        Joined joined = new Joined(tables);
        return List.of(popularCategoryByCountry(joined), popularCategoryByYear(joined), topPosterByCountry(joined),
                countryWithTopPoster(joined), popularCategoryByAgeGroup(joined), medianFollowersByAgeGroup(joined),
                usersJoinedByYear(joined), medianFollowersByJoinYear(joined),
                medianFollowersByAgeGroupAndJoinYear(joined));
    }

    static Answer popularCategoryByCountry(Joined joined) {
        Map<String, Map<String, Long>> counts = new TreeMap<>(TEXT);
        for (CleanRows.Pin pin : joined.pins) {
            CleanRows.Geo geo = joined.geo.get(pin.ind());
            if (geo != null && geo.country() != null && pin.category() != null) {
                count(counts, geo.country(), pin.category());
            }
        }
        return new Answer("q1_popular_category_by_country", List.of("country", "category", "category_count"),
                topWithTies(counts));
    }

    static Answer popularCategoryByYear(Joined joined) {
        Map<Integer, Map<String, Long>> counts = new TreeMap<>();
        for (CleanRows.Pin pin : joined.pins) {
            CleanRows.Geo geo = joined.geo.get(pin.ind());
            if (geo != null && geo.timestamp() != null && pin.category() != null
                    && inRange(geo.timestamp().getYear(), FIRST_POST_YEAR, LAST_POST_YEAR)) {
                count(counts, geo.timestamp().getYear(), pin.category());
            }
        }
        return new Answer("q2_popular_category_by_year", List.of("post_year", "category", "category_count"),
                topWithTies(counts));
    }

    static Answer topPosterByCountry(Joined joined) {
        return new Answer("q3_top_poster_by_country", List.of("country", "poster_name", "follower_count"),
                topPosters(joined));
    }

    static Answer countryWithTopPoster(Joined joined) {
        List<List<Object>> top = topPosters(joined);
        int highest = top.stream().mapToInt(row -> (Integer) row.get(2)).max().orElse(0);
        return new Answer("q3_country_with_top_poster", List.of("country", "poster_name", "follower_count"),
                top.stream().filter(row -> (Integer) row.get(2) == highest).toList());
    }

    static Answer popularCategoryByAgeGroup(Joined joined) {
        Map<String, Map<String, Long>> counts = new TreeMap<>(AgeGroup.BY_ORDER);
        for (CleanRows.Pin pin : joined.pins) {
            CleanRows.User user = joined.user.get(pin.ind());
            if (user != null && pin.category() != null) {
                count(counts, AgeGroup.of(user.age()), pin.category());
            }
        }
        return new Answer("q4_popular_category_by_age_group", List.of("age_group", "category", "category_count"),
                topWithTies(counts));
    }

    static Answer medianFollowersByAgeGroup(Joined joined) {
        Map<String, List<Integer>> groups = group(joined.people(), person -> AgeGroup.of(person.age()),
                new TreeMap<>(AgeGroup.BY_ORDER));
        List<List<Object>> rows = new ArrayList<>();
        groups.forEach((group, followers) -> rows.add(Answer.row(group, Medians.of(followers), known(followers))));
        return new Answer("q5_median_followers_by_age_group", List.of("age_group", "median_follower_count", "people"),
                rows);
    }

    static Answer usersJoinedByYear(Joined joined) {
        List<List<Object>> rows = new ArrayList<>();
        for (int year = FIRST_JOIN_YEAR; year <= LAST_JOIN_YEAR; year++) {
            int wanted = year;
            long people = joined.people().keySet().stream()
                    .filter(person -> person.dateJoined() != null && person.dateJoined().getYear() == wanted).count();
            rows.add(Answer.row(year, people));
        }
        return new Answer("q6_users_joined_by_year", List.of("join_year", "number_users_joined"), rows);
    }

    static Answer medianFollowersByJoinYear(Joined joined) {
        Map<Integer, List<Integer>> years = group(joined.peopleJoinedInRange(), person -> person.dateJoined()
                .getYear(), new TreeMap<>());
        List<List<Object>> rows = new ArrayList<>();
        years.forEach((year, followers) -> rows.add(Answer.row(year, Medians.of(followers), known(followers))));
        return new Answer("q7_median_followers_by_join_year", List.of("join_year", "median_follower_count", "people"),
                rows);
    }

    static Answer medianFollowersByAgeGroupAndJoinYear(Joined joined) {
        Comparator<GroupYear> order = Comparator.comparing(GroupYear::group, AgeGroup.BY_ORDER)
                .thenComparing(GroupYear::year);
        Map<GroupYear, List<Integer>> cells = group(joined.peopleJoinedInRange(), person -> new GroupYear(
                AgeGroup.of(person.age()), person.dateJoined().getYear()), new TreeMap<>(order));
        List<List<Object>> rows = new ArrayList<>();
        cells.forEach((cell, followers) -> rows.add(Answer.row(cell.group(), cell.year(), Medians.of(followers),
                known(followers))));
        return new Answer("q8_median_followers_by_age_group_and_join_year",
                List.of("age_group", "join_year", "median_follower_count", "people"), rows);
    }

    /** Per country, every poster whose highest follower count among posts there is the country's highest. */
    private static List<List<Object>> topPosters(Joined joined) {
        Map<String, Map<String, Integer>> byCountry = new TreeMap<>(TEXT);
        for (CleanRows.Pin pin : joined.pins) {
            CleanRows.Geo geo = joined.geo.get(pin.ind());
            if (geo != null && geo.country() != null && pin.posterName() != null && pin.followerCount() != null) {
                byCountry.computeIfAbsent(geo.country(), country -> new TreeMap<>(TEXT))
                        .merge(pin.posterName(), pin.followerCount(), Math::max);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        byCountry.forEach((country, posters) -> {
            int highest = Collections.max(posters.values());
            posters.forEach((poster, followers) -> {
                if (followers == highest) {
                    rows.add(Answer.row(country, poster, followers));
                }
            });
        });
        return rows;
    }

    private static <K> void count(Map<K, Map<String, Long>> counts, K group, String category) {
        counts.computeIfAbsent(group, key -> new TreeMap<>(TEXT)).merge(category, 1L, Long::sum);
    }

    /** Rows {@code (group, category, count)} for every category tied at the group's highest count. */
    private static <K> List<List<Object>> topWithTies(Map<K, Map<String, Long>> counts) {
        List<List<Object>> rows = new ArrayList<>();
        counts.forEach((group, categories) -> {
            long highest = Collections.max(categories.values());
            categories.forEach((category, count) -> {
                if (count == highest) {
                    rows.add(Answer.row(group, category, count));
                }
            });
        });
        return rows;
    }

    private static <K> Map<K, List<Integer>> group(Map<Person, Integer> people, Function<Person, K> key,
                                                   Map<K, List<Integer>> into) {
        people.forEach((person, followers) -> into.computeIfAbsent(key.apply(person), k -> new ArrayList<>())
                .add(followers));
        return into;
    }

    private static long known(List<Integer> followers) {
        return followers.stream().filter(Objects::nonNull).count();
    }

    private static boolean inRange(int year, int first, int last) {
        return year >= first && year <= last;
    }

    /** A person: {@code ind} is a post id, and one person posts many times (5,307 people own the course's 11,154). */
    record Person(String userName, Integer age, LocalDateTime dateJoined) {
    }

    private record GroupYear(String group, int year) {
    }

    /** The clean tables indexed by {@code ind}, and the people behind the posts. */
    static final class Joined {
        private final List<CleanRows.Pin> pins;
        private final Map<Integer, CleanRows.Geo> geo = new HashMap<>();
        private final Map<Integer, CleanRows.User> user = new HashMap<>();
        private final Map<Integer, CleanRows.Pin> pin = new HashMap<>();
        private final Map<Person, Integer> people = new LinkedHashMap<>();

        Joined(ReferenceTables tables) {
            this.pins = tables.pins();
            tables.pins().forEach(row -> pin.put(row.ind(), row));
            tables.geos().forEach(row -> geo.put(row.ind(), row));
            tables.users().forEach(row -> user.put(row.ind(), row));
            for (CleanRows.User row : tables.users()) {
                Person person = new Person(row.userName(), row.age(), row.dateJoined());
                CleanRows.Pin post = pin.get(row.ind());
                Integer followers = post == null ? null : post.followerCount();
                people.merge(person, followers == null ? NO_COUNT : followers, Math::max);
            }
            people.replaceAll((person, followers) -> followers == NO_COUNT ? null : followers);
        }

        /** Every person of the user table with their follower count (null when none of their posts has one). */
        Map<Person, Integer> people() {
            return people;
        }

        Map<Person, Integer> peopleJoinedInRange() {
            Map<Person, Integer> inRange = new LinkedHashMap<>();
            people.forEach((person, followers) -> {
                if (person.dateJoined() != null
                        && inRange(person.dateJoined().getYear(), FIRST_JOIN_YEAR, LAST_JOIN_YEAR)) {
                    inRange.put(person, followers);
                }
            });
            return inRange;
        }
    }
}
