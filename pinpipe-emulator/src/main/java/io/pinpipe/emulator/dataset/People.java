package io.pinpipe.emulator.dataset;

import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Derives a person from (seed, person id, rank) alone, so no table of people is ever held in memory.
 *
 * <p>In the real tables the biggest posters are early in every attribute at once: first and last name near "A",
 * age 20, joined in the first weeks, an alphabetically early country, latitude near -90 and longitude near -180.
 * So each attribute is read from its row-weighted table at the person's rank plus a little independent noise: over
 * all rows the ranks are uniform, which makes every attribute's row-level distribution match the real table's,
 * while one person's attributes stay coherent.
 */
final class People {

    /** How far (in quantile) an attribute may stray from the person's rank. */
    static final double SPREAD = 0.08;
    static final String USER_INFO_ERROR = "User Info Error";

    private static final long PURPOSE = 0x706572736f6eL;
    private static final LocalDateTime FIRST_JOIN = LocalDateTime.of(2015, 10, 21, 3, 17, 47);
    private static final LocalDateTime LAST_JOIN = LocalDateTime.of(2017, 10, 20, 10, 44, 26);
    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7};

    private final long seed;
    private final long userInfoErrorPerson;
    private final FactTables facts;
    private final PosterNames posterNames;

    People(long seed, long userInfoErrorPerson, FactTables facts) {
        this.seed = seed;
        this.userInfoErrorPerson = userInfoErrorPerson;
        this.facts = facts;
        this.posterNames = new PosterNames(facts.posterWords, facts.posterNameLengths);
    }

    Person person(long id, double rank) {
        SplittableRandom random = Mixing.random(seed, PURPOSE, id);
        String firstName = facts.firstNames.at(near(rank, random));
        String lastName = facts.lastNames.at(near(rank, random));
        int age = Integer.parseInt(facts.ages.at(near(rank, random)));
        LocalDateTime joined = joinDate(near(rank, random));
        String country = facts.countries.at(near(rank, random));
        double latitude = coordinate(facts.latitudePermilles, near(rank, random), random, 90);
        double longitude = coordinate(facts.longitudePermilles, near(rank, random), random, 180);
        boolean infoError = id == userInfoErrorPerson;
        String posterName = infoError ? USER_INFO_ERROR : posterNames.next(random);
        String followers = infoError ? USER_INFO_ERROR : FollowerCounts.next(random);
        return new Person(id, firstName, lastName, age, joined, posterName, followers, latitude, longitude, country);
    }

    /** rank + uniform noise, reflected at 0 and 1 so the quantiles stay uniform over all rows. */
    private static double near(double rank, SplittableRandom random) {
        double q = rank + (random.nextDouble() * 2 - 1) * SPREAD;
        if (q < 0) {
            q = -q;
        } else if (q >= 1) {
            q = 2 - q;
        }
        return Math.min(Math.max(q, 0), Math.nextDown(1.0));
    }

    /** A join date: the year by the row-weighted year table, the moment by where the quantile falls in that year. */
    private LocalDateTime joinDate(double q) {
        int year = Integer.parseInt(facts.joinYears.at(q));
        LocalDateTime start = year == FIRST_JOIN.getYear() ? FIRST_JOIN : LocalDateTime.of(year, 1, 1, 0, 0);
        LocalDateTime end = year == LAST_JOIN.getYear() ? LAST_JOIN : LocalDateTime.of(year + 1, 1, 1, 0, 0);
        long seconds = java.time.Duration.between(start, end).getSeconds();
        return start.plusSeconds((long) (facts.joinYears.within(q) * (seconds - 1)));
    }

    /**
     * A coordinate as the course data prints them: 6 significant digits (so 1-7 decimals, mostly 4), never zero or
     * a whole number, strictly inside the range. The jitter spreads people off the real table's exact values.
     */
    private static double coordinate(double[] permilles, double q, SplittableRandom random, double limit) {
        double value = FactTables.quantile(permilles, q) + (random.nextDouble() - 0.5);
        value = Math.max(-limit + 0.01, Math.min(limit - 0.01, value));
        if (Math.abs(value) < 0.01) {
            value = value < 0 ? -0.0137 : 0.0137;
        }
        double rounded = sixDigits(value);
        if (rounded == Math.rint(rounded)) {
            rounded = sixDigits(rounded + (rounded < 0 ? -0.0001 : 0.0001));
        }
        return rounded;
    }

    /**
     * {@code value} rounded to 6 significant digits, for 0.01 <= |value| < 1000: the nearest double to that decimal,
     * because both the rounded integer and the power of ten are exact doubles and one division rounds correctly.
     */
    static double sixDigits(double value) {
        double magnitude = Math.abs(value);
        int decimals = magnitude >= 100 ? 3 : magnitude >= 10 ? 4 : magnitude >= 1 ? 5 : magnitude >= 0.1 ? 6 : 7;
        return Math.round(value * POWERS_OF_TEN[decimals]) / POWERS_OF_TEN[decimals];
    }
}
