package io.pinpipe.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The project's files the tests of every module read: the project root (docs, deploy) and {@code testdata/}, which
 * the repository carries, so a test's data is always there. The real sample is stored gzipped (the {@code .jsonl.gz}
 * files under {@code testdata/real-sample}); {@link #realSample()} unpacks it once per JVM into a temporary folder
 * with the original layout, because the code under test reads plain table files from a folder.
 */
public final class TestData {

    private static Path realSample;

    private TestData() {
    }

    /** The folder of the parent {@code pom.xml} (the docs, the deploy folder, the modules, {@code testdata/}). */
    public static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            try {
                String text = Files.isRegularFile(pom) ? Files.readString(pom) : "";
                if (text.contains("<artifactId>pinpipe-parent</artifactId>") && !text.contains("<parent>")) {
                    return dir;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("no pinpipe-parent pom.xml above " + Path.of("").toAbsolutePath());
    }

    /**
     * The real course sample, unpacked: {@code pinterest_data.jsonl}, {@code geolocation_data.jsonl},
     * {@code user_data.jsonl} and {@code cleaned/{pin,geo,user}.jsonl} (what they are: testdata/real-sample/README.md).
     * Tests only read it; the folder is removed when the JVM exits.
     */
    public static synchronized Path realSample() {
        if (realSample == null) {
            realSample = unpacked(projectRoot().resolve("testdata/real-sample"));
        }
        return realSample;
    }

    /** The S3 sink connector file the course gives MSK Connect, as the course wrote it. */
    public static Path courseConnectorFile() {
        return projectRoot().resolve("testdata/course-s3-sink-connector.properties");
    }

    private static Path unpacked(Path packed) {
        try {
            Path folder = Files.createTempDirectory("pinpipe-real-sample");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
            for (Path gz : gzFiles(packed)) {
                Path plain = folder.resolve(packed.relativize(gz).toString().replaceFirst("\\.gz$", ""));
                Files.createDirectories(plain.getParent());
                try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                    Files.copy(in, plain);
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + packed, e);
        }
    }

    private static List<Path> gzFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> gz = files.filter(file -> file.toString().endsWith(".jsonl.gz")).sorted().toList();
            if (gz.isEmpty()) {
                throw new AssertionError("no .jsonl.gz file under " + folder + ": the repository's test data is gone");
            }
            return gz;
        }
    }

    /** Deletes a folder and everything under it, at best effort (a leftover in the temporary directory is harmless). */
    public static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Best effort, as promised.
        }
    }
}
