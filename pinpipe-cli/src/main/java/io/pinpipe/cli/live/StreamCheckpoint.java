package io.pinpipe.cli.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.common.JsonTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The streaming job's progress as its Spark checkpoint records it: the last committed micro-batch ({@code commits/N}),
 * when it was committed, and the Kafka offsets it had read up to ({@code offsets/N}: a version line, a metadata line,
 * then one JSON object per source, {@code {"topic": {"partition": next offset}}}).
 */
final class StreamCheckpoint {


    private StreamCheckpoint() {
    }

    /** The last committed micro-batch; empty while the checkpoint holds none. */
    static Optional<PipelineSnapshot.MicroBatch> last(Path checkpoint) {
        Path commits = checkpoint.resolve("commits");
        if (!Files.isDirectory(commits)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(commits)) {
            Optional<Long> batch = files.map(file -> file.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .map(Long::parseLong).max(Long::compare);
            if (batch.isEmpty()) {
                return Optional.empty();
            }
            Instant committed = Files.getLastModifiedTime(commits.resolve(batch.get().toString())).toInstant();
            return Optional.of(new PipelineSnapshot.MicroBatch(batch.get(), committed,
                    offsets(checkpoint.resolve("offsets").resolve(batch.get().toString()))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stream checkpoint " + checkpoint, e);
        }
    }

    /** Topic -> partition -> the next offset the job will read. */
    static Map<String, Map<Integer, Long>> offsets(Path offsetFile) throws IOException {
        Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
        List<String> lines = Files.readAllLines(offsetFile);
        for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
            JsonNode source = JsonTree.parse(line);
            source.fields().forEachRemaining(topic -> topic.getValue().fields().forEachRemaining(partition ->
                    offsets.computeIfAbsent(topic.getKey(), any -> new TreeMap<>())
                            .put(Integer.parseInt(partition.getKey()), partition.getValue().asLong())));
        }
        return offsets;
    }
}
