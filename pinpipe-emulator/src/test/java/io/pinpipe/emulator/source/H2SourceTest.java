package io.pinpipe.emulator.source;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The source contract against the embedded H2 file, pinpipe's default source. */
class H2SourceTest extends SourceDatabaseContract {

    private final AtomicInteger databases = new AtomicInteger();

    @Override
    protected SourceDatabase freshDatabase() {
        Path dataDir = folder.resolve("data-" + databases.incrementAndGet());
        return SourceDatabase.embedded(dataDir, "", "");
    }
}
