package io.pinpipe.emulator;

import io.pinpipe.emulator.source.GeneratedFeed;
import io.pinpipe.emulator.source.SourceDatabase;
import io.pinpipe.emulator.source.SourceLoader;

import java.nio.file.Path;
import java.util.Arrays;

/** Source databases for tests: an H2 file in a temp folder holding the rows built by {@link TestRows}. */
public final class TestSources {

    private TestSources() {
    }

    public static SourceDatabase h2(Path folder) {
        return new SourceDatabase("jdbc:h2:file:" + folder.resolve("source").toAbsolutePath(), "", "");
    }

    /** An H2 source holding rows {@code ids} of all three tables. */
    public static SourceDatabase h2With(Path folder, int... ids) {
        SourceDatabase database = h2(folder);
        try (GeneratedFeed feed = new GeneratedFeed(Arrays.stream(ids).mapToObj(TestRows::row))) {
            new SourceLoader(database, 100, records -> { }).load(feed, false);
        }
        return database;
    }
}
