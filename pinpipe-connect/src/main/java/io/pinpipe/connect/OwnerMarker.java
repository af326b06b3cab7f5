package io.pinpipe.connect;

import io.pinpipe.common.TopicLayout;
import io.pinpipe.connect.store.NotOwnerException;
import io.pinpipe.connect.store.ObjectStore;
import io.pinpipe.connect.store.PublishGuard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The store's word on which task owns a partition: a hidden object {@code <topics.dir>/<topic>/.owner-<partition>}
 * that a task overwrites with a token of its own when the partition is assigned to it (Connect's {@code open}, before
 * any record of it), and that it reads back right before each publish and delete. A task that lost the partition
 * while it stalled (a zombie) finds its successor's token there and stops, instead of publishing files that its
 * successor never sees: files cut at other offsets than the successor's would hold records twice under names that
 * never collide. The claim belongs to the assignment and to nothing later: a task whose first record of a partition
 * arrives after such a stall (its consumer still hands it records from its old position) would otherwise claim then,
 * take the partition back from its successor and clean up from its stale offset.
 *
 * <p>The token is random per assignment, not ordered: Connect does not hand a sink task its consumer generation, and
 * equality is what matters (the last claim wins; only its writer publishes). A check and the write after it are two
 * requests, which S3 cannot make atomic (a condition applies to the object written, not to another one): a zombie that
 * stalls exactly between its check and its publish still publishes once, and then the never-replace rule and the
 * clean-up of the next assignment decide (docs/lake-sink.md, "Fencing"). The check costs a read of a small object per
 * file (one GET on S3).
 */
final class OwnerMarker {

    private final ObjectStore store;
    private final TopicLayout layout;

    OwnerMarker(ObjectStore store, TopicLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /** The marker's name; hidden, so it is never taken for a lake file. */
    String name(String topic, int partition) {
        return layout.topicDir(topic) + "/.owner-" + partition;
    }

    /**
     * Makes this task the partition's owner in the store and returns the guard that passes while it still is. The
     * time is written for people reading the marker; only the random token is compared.
     */
    PublishGuard claim(String topic, int partition) throws IOException {
        String marker = name(topic, partition);
        byte[] token = ("owner=" + UUID.randomUUID() + "\nclaimed.at=" + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        store.replace(marker, token);
        return name -> {
            byte[] current;
            try {
                current = store.get(marker);
            } catch (NoSuchFileException e) {
                throw new NotOwnerException(name, "the owner marker " + marker + " is gone");
            }
            if (!Arrays.equals(current, token)) {
                throw new NotOwnerException(name, "another task claimed the partition (" + marker + ": "
                        + new String(current, StandardCharsets.UTF_8).lines().findFirst().orElse("") + ")");
            }
        };
    }
}
