package io.pinpipe.connect;

import io.pinpipe.common.Await;
import io.pinpipe.connect.store.LocalFolderStore;
import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.PublishGuard;
import io.pinpipe.connect.store.Staged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Files of one partition are written at once but published one after the other, in the order they were handed. */
class StoreThreadsTest {

    private static final String FIRST = "topics/t/partition=0/t+0+0000000000.json";
    private static final String SECOND = "topics/t/partition=0/t+0+0000000002.json";

    @TempDir
    Path lake;

    @Test
    void theNextFileIsStagedWhileTheOneBeforeIsPublishedAndLandsOnlyAfterIt() throws Exception {
        Recording store = new Recording(new LocalFolderStore(lake));
        CountDownLatch release = new CountDownLatch(1);
        try (StoreThreads threads = new StoreThreads(store, 2, 10_000)) {
            CompletableFuture<Void> first = threads.submit(FIRST, bytes("0\n1\n"), name -> await(release),
                    CompletableFuture.completedFuture(null));
            CompletableFuture<Void> second = threads.submit(SECOND, bytes("2\n3\n"), PublishGuard.NONE, first);

            assertThat(Await.until(Duration.ofSeconds(10), () -> store.events.contains("staged " + SECOND)))
                    .as("the second file is staged while the first waits to be published").isTrue();
            assertThat(store.list("topics/")).as("nothing published while the first waits").isEmpty();
            release.countDown();
            second.get(10, TimeUnit.SECONDS);
        }
        assertThat(store.events).containsSubsequence("published " + FIRST, "published " + SECOND);
        assertThat(store.list("topics/")).containsExactlyInAnyOrder(FIRST, SECOND);
    }

    @Test
    void aFileWhoseEarlierFileFailedIsDiscardedNotPublished() throws Exception {
        Recording store = new Recording(new LocalFolderStore(lake));
        try (StoreThreads threads = new StoreThreads(store, 2, 10_000)) {
            CompletableFuture<Void> first = threads.submit(FIRST, bytes("0\n1\n"), name -> {
                throw new IOException("store down");
            }, CompletableFuture.completedFuture(null));
            CompletableFuture<Void> second = threads.submit(SECOND, bytes("2\n3\n"), PublishGuard.NONE, first);

            assertThat(second).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .withRootCauseInstanceOf(IOException.class)
                    .havingCause().isInstanceOf(StoreThreads.EarlierFileNotStored.class);
        }
        assertThat(store.events).contains("discarded " + SECOND).doesNotContain("published " + SECOND);
        assertThat(store.list("topics/")).isEmpty();
        assertThat(lake.resolve("topics/t/partition=0").toFile().list()).as("no temporary file left").isEmpty();
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException();
        }
    }

    /** A real store that notes when each file is staged, published and discarded. */
    private static final class Recording extends ForwardingStore {
        final List<String> events = new CopyOnWriteArrayList<>();
        private final ObjectStore delegate;

        Recording(ObjectStore delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        @Override
        public Staged stage(String name, ByteBuffer content) throws IOException {
            Staged staged = delegate.stage(name, content);
            events.add("staged " + name);
            return new Staged() {
                @Override
                public void publish(PublishGuard guard) throws IOException {
                    staged.publish(guard);
                    events.add("published " + name);
                }

                @Override
                public void discard() {
                    events.add("discarded " + name);
                    staged.discard();
                }
            };
        }
    }
}
