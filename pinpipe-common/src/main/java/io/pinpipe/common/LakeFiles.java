package io.pinpipe.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A topic's data in a lake folder as a reader sees it: its complete files, in partition then start-offset order, and
 * their lines. Hidden files (a writer's temporary files) and anything else {@link TopicLayout#parse} does not accept
 * are not data. Works for every folder layout (partition, time or field folders), since only file names decide.
 * For tools and tests on a local lake; Spark reads the same files itself.
 */
public final class LakeFiles {

    private static final Comparator<Located> ORDER = Comparator.<Located>comparingInt(file -> file.name().partition())
            .thenComparingLong(file -> file.name().startOffset());

    private LakeFiles() {
    }

    /** Every complete file of {@code topic} under {@code lakeRoot}; empty when the topic has no folder yet. */
    public static List<Path> of(Path lakeRoot, TopicLayout layout, String topic) {
        return find(lakeRoot, layout, topic, Optional.empty());
    }

    /** The complete files of one partition of {@code topic}, in start-offset order. */
    public static List<Path> of(Path lakeRoot, TopicLayout layout, String topic, int partition) {
        return find(lakeRoot, layout, topic, Optional.of(partition));
    }

    /**
     * The lines of {@code files}, file after file, without their '\n'. A file that does not end with '\n' is not
     * JSON Lines as the sink writes it, and fails with its name.
     */
    public static List<String> lines(List<Path> files) {
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            String content = read(file);
            if (content.isEmpty()) {
                continue;
            }
            if (!content.endsWith("\n")) {
                throw new IllegalStateException(file + " does not end with a newline");
            }
            lines.addAll(List.of(content.substring(0, content.length() - 1).split("\n", -1)));
        }
        return lines;
    }

    private static List<Path> find(Path lakeRoot, TopicLayout layout, String topic, Optional<Integer> partition) {
        Path topicDir = lakeRoot.resolve(layout.topicDir(topic));
        if (!Files.isDirectory(topicDir)) {
            return List.of();
        }
        List<Located> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(topicDir)) {
            paths.filter(Files::isRegularFile).forEach(path -> TopicLayout.parse(path.getFileName().toString())
                    .filter(name -> name.topic().equals(topic))
                    .filter(name -> partition.isEmpty() || name.partition() == partition.get())
                    .ifPresent(name -> found.add(new Located(path, name))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + topicDir, e);
        }
        return found.stream().sorted(ORDER).map(Located::path).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private record Located(Path path, TopicLayout.LakeFile name) {
    }
}
