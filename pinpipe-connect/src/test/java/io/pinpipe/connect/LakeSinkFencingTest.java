package io.pinpipe.connect;

import io.pinpipe.connect.store.LocalFolderStore;
import io.pinpipe.connect.store.ObjectStore;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two tasks on one partition of a local lake (the zombie scenarios), and the bounded clean-up on assignment. */
class LakeSinkFencingTest extends FencingScenarios {

    @TempDir
    Path lake;

    /**
     * 5,000 committed files (empty, created directly) and two uncommitted ones: the assignment's clean-up lists once,
     * is handed only the two (the folder's names are read, no old file is), and deletes only them.
     */
    @Test
    void cleanUpOnAssignmentListsOnlyTheFilesAfterTheCommittedOffset() throws IOException {
        Path folder = Files.createDirectories(lake.resolve("topics/" + TOPIC + "/partition=0"));
        int committed = 5_000;
        for (int offset = 0; offset < committed; offset++) {
            Files.createFile(folder.resolve(fileName(offset)));
        }
        Files.writeString(folder.resolve(fileName(committed)), "{\"uncommitted\":1}\n");
        Files.writeString(folder.resolve(fileName(committed + 1)), "{\"uncommitted\":2}\n");
        StallingStore store = StallingStore.counting(new LocalFolderStore(lake));
        LakeSinkTask task = task(store, 2, new TestContext(true));

        task.put(records(committed, 2));

        assertThat(store.listings.get()).isEqualTo(1);
        assertThat(store.namesListed.get()).isEqualTo(2);
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(committed + 2));
        try (var files = Files.list(folder)) {
            assertThat(files.count()).isEqualTo(committed + 1);
        }
        assertThat(Files.readString(folder.resolve(fileName(committed)), StandardCharsets.UTF_8))
                .isEqualTo(String.join("\n", values(committed, 2)) + "\n");
        task.stop();
    }

    /** The claim belongs to the assignment: a stall before the partition's first record cannot make it late. */
    @Test
    void everyAssignedPartitionIsClaimedBeforeItsFirstRecord() {
        LakeSinkTask task = task(newConnection(), 2, new TestContext(true));

        assertThat(lake.resolve("topics/" + TOPIC + "/.owner-0")).as("the owner marker, written by open").exists();
        task.stop();
    }

    /**
     * A claim the store refuses in open (unreachable then) does not fail the task: the next put makes it before it
     * takes a record, and the partition is written as usual.
     */
    @Test
    void aClaimTheStoreRefusedAtTheAssignmentIsMadeByTheNextPut() throws IOException {
        AtomicInteger refusals = new AtomicInteger(1);
        ObjectStore store = new ForwardingStore(newConnection()) {
            @Override
            public void replace(String name, byte[] content) throws IOException {
                if (refusals.getAndDecrement() > 0) {
                    throw new IOException("the store is unreachable");
                }
                super.replace(name, content);
            }
        };
        Path marker = lake.resolve("topics/" + TOPIC + "/.owner-0");
        LakeSinkTask task = task(store, 2, new TestContext(true));
        assertThat(marker).as("no claim yet").doesNotExist();

        task.put(records(0, 4));

        assertThat(marker).exists();
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(4));
        assertThat(Lake.lines(store, "topics", TOPIC, 0)).containsExactlyElementsOf(values(0, 4));
        task.stop();
    }

    /**
     * The window between a check and a publish, on a local lake: A's check of the owner marker passed, then A stalls
     * just before its link. B claims the partition and cleans up, which removes A's temporary file, and writes. A's
     * link then fails (retriable, like any store failure); when Connect hands the records again, A's next check finds
     * B's marker and A fences the partition. B's files stay as B wrote them: a local lake takes no file from a zombie
     * once the new owner claimed the partition.
     */
    @Test
    void zombieStalledBetweenItsCheckAndItsLinkLosesItsTemporaryFileToTheOwnersCleanUp() throws Exception {
        StallingStore zombieStore = StallingStore.afterCheck(newConnection(), name -> name.endsWith(FIRST_FILE));
        TestContext zombieContext = new TestContext(true);
        LakeSinkTask zombie = task(zombieStore, 3, zombieContext);
        Stalled stalledPut = Stalled.put(zombie, records(0, 6));
        zombieStore.awaitStall();

        ObjectStore ownerStore = newConnection();
        LakeSinkTask owner = ownerCommittingZeroToSeven(ownerStore);
        Map<String, String> ownersFiles = files(ownerStore);

        zombieStore.release();
        assertThat(stalledPut.end()).as("the link without its temporary file").isInstanceOf(RetriableException.class);
        zombie.put(records(0, 6));
        assertZombieFencedAndOwnersFilesAlone(zombie, zombieContext, ownerStore, ownersFiles);
        owner.stop();
    }

    /**
     * The clean-up asks the owner marker before it deletes: A wrote hour 00 and was then left behind; B claimed the
     * partition, wrote hours 00 and 01 and committed. When A's next record goes to hour 01, A's clean-up of that
     * folder would delete B's file there (it starts after the offset A resumed at): A's check finds B's marker
     * instead, A deletes nothing and fences the partition.
     */
    @Test
    void zombieCleaningAFolderAfterTheOwnerClaimedDeletesNothing() throws Exception {
        TestContext zombieContext = new TestContext(true);
        LakeSinkTask zombie = task(newConnection(), 2, zombieContext, hourFolders());
        zombie.put(quarterHourly(0, 2));
        zombie.preCommit(Map.of());

        ObjectStore ownerStore = newConnection();
        LakeSinkTask owner = task(ownerStore, 2, new TestContext(true), hourFolders());
        owner.put(quarterHourly(0, 8));
        assertThat(owner.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(8));
        Map<String, String> ownersFiles = files(ownerStore);
        assertThat(ownersFiles).containsKey("topics/" + TOPIC + "/hour=01/" + fileName(4));

        zombie.put(quarterHourly(4, 1));
        assertZombieFencedAndOwnersFilesAlone(zombie, zombieContext, ownerStore, ownersFiles);
        owner.stop();
    }

    /**
     * A stalled store does not hold the task past the poll interval (which would make it a zombie): put gives up
     * after store.wait.max.ms with a retriable error, so the worker polls again; preCommit returns without the stalled
     * file's records; once the store goes on, the records handed again are stored once.
     */
    @Test
    void aStalledStoreMakesPutRetriableInsteadOfHoldingTheTask() throws Exception {
        StallingStore store = new StallingStore(newConnection(), name -> name.endsWith(FIRST_FILE));
        Map<String, String> settings = new HashMap<>(storeProps());
        settings.put(LakeSinkConfig.STORE_WAIT_MAX_MS, "300");
        LakeSinkTask task = task(store, 2, new TestContext(true), settings);
        List<SinkRecord> batch = records(0, 6);

        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("store.wait.max.ms");
        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(0));
        store.release();
        task.put(batch);

        assertThat(task.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(6));
        assertThat(Lake.lines(store, "topics", TOPIC, 0)).containsExactlyElementsOf(values(0, 6));
        task.stop();
    }

    /**
     * Hour folders: a crashed task left uncommitted files in two folders. The replay cleans each folder when its first
     * record goes there (one listing per folder, never the whole topic) and the lake holds every record once.
     */
    @Test
    void timeFoldersAreEachCleanedWhenTheReplayFirstWritesThere() throws IOException {
        Map<String, String> hourly = hourFolders();
        LakeSinkTask crashed = task(new LocalFolderStore(lake), 2, new TestContext(true), hourly);
        crashed.put(quarterHourly(0, 8));
        crashed.awaitStores();
        assertThat(newConnection().list("topics/")).hasSize(4);

        // Offset 2 was committed: the files from 2 on (one in hour 00, two in hour 01) are the crashed task's.
        StallingStore store = StallingStore.counting(new LocalFolderStore(lake));
        LakeSinkTask replay = task(store, 3, new TestContext(true), hourly);
        replay.put(quarterHourly(2, 6));

        assertThat(replay.preCommit(Map.of())).containsEntry(P0, new OffsetAndMetadata(7));
        assertThat(store.listings.get()).isEqualTo(2);
        assertThat(store.list("topics/")).containsExactlyInAnyOrder(
                "topics/zombie.pin/hour=00/" + fileName(0), "topics/zombie.pin/hour=00/" + fileName(2),
                "topics/zombie.pin/hour=01/" + fileName(4));
        assertThat(Lake.lines(store, "topics", TOPIC, 0)).containsExactlyElementsOf(values(0, 7));
        replay.stop();
    }

    /** Settings for a local lake in hour folders. */
    private Map<String, String> hourFolders() {
        return Map.of(LakeSinkConfig.LOCAL_DIR, lake.toString(), LakeSinkConfig.PARTITIONER_CLASS, "time",
                LakeSinkConfig.PATH_FORMAT, "'hour'=HH", LakeSinkConfig.PARTITION_DURATION_MS, "3600000");
    }

    /** Records four to an hour from midnight (UTC), with the values of {@link #values}. */
    private static List<SinkRecord> quarterHourly(long from, int count) {
        return records(from, count).stream().map(record -> record.newRecord(record.topic(), record.kafkaPartition(),
                null, null, null, record.value(), record.kafkaOffset() * 15 * 60_000L)).toList();
    }

    @Override
    ObjectStore newConnection() {
        return new LocalFolderStore(lake);
    }

    @Override
    Map<String, String> storeProps() {
        return Map.of(LakeSinkConfig.LOCAL_DIR, lake.toString());
    }
}
