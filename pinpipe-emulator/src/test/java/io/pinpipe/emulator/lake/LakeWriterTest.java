package io.pinpipe.emulator.lake;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.JsonCodec;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.TopicLayout;
import io.pinpipe.common.Topics;
import io.pinpipe.common.UserRecord;
import io.pinpipe.emulator.dataset.DatasetGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A generated lake is what the sink lands: its names, its files, its lines, and draws that repeat rows. */
class LakeWriterTest {

    private static final Topics TOPICS = new Topics("t1");

    @TempDir
    Path root;

    @Test
    void writesEachTopicInTheSinkLayoutWithOneFilePerFlushSize() throws IOException {
        GeneratedLake.Summary summary = write(root.resolve("lake"), 1, 25, 25, 10);

        for (SourceTable table : SourceTable.values()) {
            String topic = TOPICS.batch(table);
            List<String> names = fileNames(root.resolve("lake").resolve("topics").resolve(topic)
                    .resolve("partition=0"));
            assertThat(names).containsExactly(topic + "+0+0000000000.json", topic + "+0+0000000010.json",
                    topic + "+0+0000000020.json");
            for (String name : names) {
                TopicLayout.LakeFile parsed = TopicLayout.parse(name).orElseThrow();
                assertThat(parsed.topic()).isEqualTo(topic);
                assertThat(parsed.partition()).isZero();
            }
        }
        assertThat(summary.files()).hasSize(9);
        assertThat(summary.recordsPerTopic()).isEqualTo(25);
        assertThat(summary.bytes()).isEqualTo(totalBytes(summary.files()));
    }

    @Test
    void anotherTopicsDirPutsTheTopicFoldersWhereTheSinkWouldWithThatSetting() throws IOException {
        TopicLayout landing = new TopicLayout("landing", TopicLayout.DEFAULT_PAD_WIDTH);
        try (LakeWriter writer = new LakeWriter(root.resolve("lake"), landing, TOPICS, 10)) {
            assertThat(writer.partitionFolder(SourceTable.PIN))
                    .isEqualTo(root.resolve("lake/landing").resolve(TOPICS.batch(SourceTable.PIN))
                            .resolve("partition=0"));
        }
    }

    @Test
    void linesAreTheCodecBytesOfOneDrawSharingTheRowIdAcrossTopics() throws IOException {
        write(root.resolve("lake"), 3, 40, 200, 15);
        List<String> pins = lines(SourceTable.PIN);
        List<String> geos = lines(SourceTable.GEO);
        List<String> users = lines(SourceTable.USER);
        assertThat(pins).hasSize(40);
        assertThat(geos).hasSize(40);
        assertThat(users).hasSize(40);

        DatasetGenerator generator = new DatasetGenerator(3, 200);
        LakeDraws draws = new LakeDraws(3, 200);
        JsonCodec codec = JsonCodec.get();
        for (int i = 0; i < pins.size(); i++) {
            long id = draws.next();
            PinRecord pin = codec.read(pins.get(i), PinRecord.class);
            GeoRecord geo = codec.read(geos.get(i), GeoRecord.class);
            UserRecord user = codec.read(users.get(i), UserRecord.class);
            assertThat(pin.index()).isEqualTo(id);
            assertThat(geo.ind()).isEqualTo(id);
            assertThat(user.ind()).isEqualTo(id);
            assertThat(pin).isEqualTo(generator.row(id).pin());
            assertThat(pins.get(i)).isEqualTo(codec.toJson(generator.row(id).pin()));
        }
    }

    @Test
    void drawsRepeatRowsAndTheSummaryCountsTheDistinctOnes() throws IOException {
        GeneratedLake.Summary summary = write(root.resolve("lake"), 5, 2_000, 2_000, 500);

        Set<Integer> ids = new HashSet<>();
        for (String line : lines(SourceTable.PIN)) {
            ids.add(JsonCodec.get().read(line, PinRecord.class).index());
        }
        assertThat(summary.distinctRows()).isEqualTo(ids.size());
        // N draws over N rows leave about 1 - 1/e = 63% distinct: repeats are present, and not everything repeats.
        assertThat(ids.size()).isBetween(1_150, 1_380);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
        write(root.resolve("a"), 11, 300, 300, 100);
        write(root.resolve("b"), 11, 300, 300, 100);
        write(root.resolve("c"), 12, 300, 300, 100);

        String file = "topics/t1.geo/partition=0/t1.geo+0+0000000100.json";
        assertThat(Files.readAllBytes(root.resolve("a").resolve(file)))
                .isEqualTo(Files.readAllBytes(root.resolve("b").resolve(file)))
                .isNotEqualTo(Files.readAllBytes(root.resolve("c").resolve(file)));
    }

    @Test
    void refusesALakeThatAlreadyHoldsTopicFilesAndLeavesThemAlone() throws IOException {
        write(root.resolve("lake"), 1, 10, 10, 10);
        Path existing = root.resolve("lake/topics/t1.user/partition=0/t1.user+0+0000000000.json");
        byte[] before = Files.readAllBytes(existing);

        assertThatThrownBy(() -> new LakeWriter(root.resolve("lake"), TOPICS, 10))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already holds files").hasMessageContaining("t1.pin");
        assertThat(Files.readAllBytes(existing)).isEqualTo(before);
    }

    @Test
    void aWriterClosedBeforeFinishingLeavesOnlyFinishedFilesAndNoParts() throws IOException {
        DatasetGenerator generator = new DatasetGenerator(1, 50);
        try (LakeWriter writer = new LakeWriter(root.resolve("lake"), TOPICS, 10)) {
            for (int id = 0; id < 15; id++) {
                writer.write(generator.row(id));
            }
        }
        Path folder = root.resolve("lake/topics/t1.pin/partition=0");
        assertThat(fileNames(folder)).containsExactly("t1.pin+0+0000000000.json");
        assertThat(Files.readAllLines(folder.resolve("t1.pin+0+0000000000.json"))).hasSize(10);
    }

    @Test
    void rejectsNonsenseSizes() {
        assertThatThrownBy(() -> new LakeWriter(root, TOPICS, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("flush size");
        assertThatThrownBy(() -> new LakeDraws(1, 0)).isInstanceOf(IllegalArgumentException.class);
        GeneratedLake lake = new GeneratedLake(new DatasetGenerator(1, 5), new LakeDraws(1, 5));
        assertThatThrownBy(() -> {
            try (LakeWriter writer = new LakeWriter(root, TOPICS, 5)) {
                lake.write(writer, 0, done -> { });
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("records per topic");
    }

    private GeneratedLake.Summary write(Path lake, long seed, long records, long rows, int flushSize)
            throws IOException {
        GeneratedLake generated = new GeneratedLake(new DatasetGenerator(seed, rows), new LakeDraws(seed, rows));
        List<Long> progress = new ArrayList<>();
        try (LakeWriter writer = new LakeWriter(lake, TOPICS, flushSize)) {
            GeneratedLake.Summary summary = generated.write(writer, records, progress::add);
            assertThat(progress).endsWith(records);
            return summary;
        }
    }

    private List<String> lines(SourceTable table) throws IOException {
        Path folder = root.resolve("lake/topics").resolve(TOPICS.batch(table)).resolve("partition=0");
        List<String> lines = new ArrayList<>();
        for (String name : fileNames(folder)) {
            lines.addAll(Files.readAllLines(folder.resolve(name)));
        }
        return lines;
    }

    /** Every entry of the folder, hidden ones included, sorted (the zero-padded offsets sort in order). */
    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static long totalBytes(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }
}
