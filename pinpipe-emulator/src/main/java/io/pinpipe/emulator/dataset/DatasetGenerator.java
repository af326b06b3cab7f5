package io.pinpipe.emulator.dataset;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.UserRecord;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Generates the course-like source tables, deterministically from a seed: the same seed and row count always give
 * the same rows. Ids run {@code 0..rows-1} (like {@code ind} in the real geo and user tables); row {@code id} of
 * every table has that id, so the three tables join on it.
 *
 * <p>Every row is computed from (seed, id) alone and its owner's attributes from (seed, person id), so memory does
 * not grow with the row count and any row can be produced on its own ({@link #row(long)}). What is reproduced, and
 * how, is documented in {@code docs/dataset.md}; the shapes come from the real sample (testdata/real-sample).
 */
public final class DatasetGenerator {

    public static final int DEFAULT_ROWS = 11_153;
    /** Ids are ints in the source tables. */
    public static final long MAX_ROWS = Integer.MAX_VALUE;

    static final LocalDateTime FIRST_POST = LocalDateTime.of(2017, 10, 19, 15, 13, 42);
    static final LocalDateTime LAST_POST = LocalDateTime.of(2022, 10, 19, 17, 54, 26);

    private static final long ROW_PURPOSE = 0x726f77L;
    /** Slots of the person cache, a power of two: a few hundred kilobytes at most, whatever the row count. */
    private static final int PERSON_CACHE_SIZE = 4096;

    private final long seed;
    private final long rows;
    private final List<FactTables.Category> categories;
    private final long[] categoryEnds;
    private final PostOwners owners;
    private final People people;
    private final Pins pins;
    private final Person[] personCache = new Person[PERSON_CACHE_SIZE];

    /**
     * @throws IllegalArgumentException when {@code rows} is not in 1..{@value #MAX_ROWS}
     */
    public DatasetGenerator(long seed, long rows) {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("rows must be between 1 and " + MAX_ROWS + ", got " + rows);
        }
        FactTables facts = FactTables.get();
        this.seed = seed;
        this.rows = rows;
        this.categories = facts.categories;
        this.categoryEnds = categoryEnds(categories, rows);
        this.owners = new PostOwners(seed, rows, facts.groupSizes);
        this.people = new People(seed, owners.userInfoErrorPerson(), facts);
        this.pins = new Pins(facts);
    }

    /** Rows 0..rows-1 in index order, lazily: the stream holds at most a few rows in memory at a time. */
    public Stream<SourceRow> rows() {
        return LongStream.range(0, rows).mapToObj(this::row);
    }

    public long rowCount() {
        return rows;
    }

    /** Row {@code id} alone, the same as the {@code id}-th element of {@link #rows()}. */
    public SourceRow row(long id) {
        if (id < 0 || id >= rows) {
            throw new IndexOutOfBoundsException("row " + id + " is outside 0.." + (rows - 1));
        }
        int index = (int) id;
        PostOwners.Owner owner = owners.ownerOf(id);
        Person person = person(owner);
        SplittableRandom random = Mixing.random(seed, ROW_PURPOSE, id);
        PinRecord pin = pins.pin(index, categoryOf(id), person, random);
        GeoRecord geo = new GeoRecord(index, postTime(person.dateJoined(), random), person.latitude(),
                person.longitude(), person.country());
        UserRecord user = new UserRecord(index, person.firstName(), person.lastName(), person.age(),
                person.dateJoined());
        return new SourceRow(pin, geo, user);
    }

    /**
     * The owner's person, from a small cache: two thirds of the rows belong to repeat posters, and a person is
     * the costliest part of a row. Entries are immutable, so threads may share the cache without locks.
     */
    private Person person(PostOwners.Owner owner) {
        if (!owners.isRepeatPoster(owner.personId())) {
            return people.person(owner.personId(), owner.rank());
        }
        int slot = (int) (owner.personId() & (PERSON_CACHE_SIZE - 1));
        Person cached = personCache[slot];
        if (cached == null || cached.id() != owner.personId()) {
            cached = people.person(owner.personId(), owner.rank());
            personCache[slot] = cached;
        }
        return cached;
    }

    /** The category blocks in index order, each as wide as its real block (docs/dataset.md), scaled to the rows. */
    private FactTables.Category categoryOf(long id) {
        int block = 0;
        while (id >= categoryEnds[block]) {
            block++;
        }
        return categories.get(block);
    }

    /** Posts are spread evenly over the real five years, never before their poster joined. */
    private static LocalDateTime postTime(LocalDateTime joined, SplittableRandom random) {
        LocalDateTime earliest = joined.isBefore(FIRST_POST) ? FIRST_POST : joined.plusSeconds(1);
        long seconds = ChronoUnit.SECONDS.between(earliest, LAST_POST);
        return earliest.plusSeconds(random.nextLong(seconds + 1));
    }

    private static long[] categoryEnds(List<FactTables.Category> categories, long rows) {
        double total = categories.stream().mapToLong(FactTables.Category::indexSpan).sum();
        long[] ends = new long[categories.size()];
        long cumulative = 0;
        for (int i = 0; i < ends.length; i++) {
            cumulative += categories.get(i).indexSpan();
            ends[i] = Math.round(rows * (cumulative / total));
        }
        ends[ends.length - 1] = rows;
        return ends;
    }
}
