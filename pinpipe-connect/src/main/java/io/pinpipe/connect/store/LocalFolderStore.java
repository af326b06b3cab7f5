package io.pinpipe.connect.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A lake in a local folder. A file is written under a hidden temporary name in its final folder, forced to disk,
 * then renamed atomically over its final name: a reader sees a whole file or none, and a machine crash cannot leave a
 * renamed file without its bytes. The rename itself becomes durable when its folder is forced, which {@link #sync}
 * does for every folder written to since the last sync (one folder flush for many files). Hidden names (leading '.')
 * are never lake files.
 */
public final class LocalFolderStore implements ObjectStore {

    /** Temporary files are {@code .<final name>.<uuid>.tmp}, in the final folder. */
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int UUID_LENGTH = 36;

    private final Path root;
    /** Folders holding renames or deletes not yet made durable; written by store threads, drained by {@link #sync}. */
    private final Set<Path> unsyncedFolders = ConcurrentHashMap.newKeySet();

    public LocalFolderStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String name, ByteBuffer content) throws IOException {
        Path target = resolve(name);
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        unsyncedFolders.add(folder);
    }

    @Override
    public void sync() throws IOException {
        for (Path folder : List.copyOf(unsyncedFolders)) {
            // Removed before the flush: a rename landing meanwhile adds the folder again for the next sync.
            unsyncedFolders.remove(folder);
            try {
                forceFolder(folder);
            } catch (IOException | RuntimeException e) {
                unsyncedFolders.add(folder);
                throw e;
            }
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path start = resolve(prefix);
        Path folder = prefix.isEmpty() || prefix.endsWith("/") ? start : start.getParent();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .filter(name -> name.startsWith(prefix))
                    .forEach(names::add);
        }
        return names;
    }

    @Override
    public int removeIncomplete(String prefix, Predicate<String> ours) throws IOException {
        Path start = resolve(prefix);
        Path folder = prefix.isEmpty() || prefix.endsWith("/") ? start : start.getParent();
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Path> leftovers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> finalName(file).filter(name -> name.startsWith(prefix) && ours.test(name))
                            .isPresent())
                    .forEach(leftovers::add);
        }
        for (Path leftover : leftovers) {
            Files.deleteIfExists(leftover);
        }
        return leftovers.size();
    }

    /** The object name a temporary file was being written for; empty for anything else. */
    private Optional<String> finalName(Path file) {
        String fileName = file.getFileName().toString();
        int end = fileName.length() - TEMP_SUFFIX.length() - UUID_LENGTH - 1;
        if (!fileName.startsWith(".") || !fileName.endsWith(TEMP_SUFFIX) || end <= 1 || fileName.charAt(end) != '.') {
            return Optional.empty();
        }
        try {
            UUID.fromString(fileName.substring(end + 1, end + 1 + UUID_LENGTH));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Path target = file.resolveSibling(fileName.substring(1, end));
        return Optional.of(root.relativize(target).toString().replace('\\', '/'));
    }

    @Override
    public void delete(String name) throws IOException {
        Path file = resolve(name);
        if (Files.deleteIfExists(file)) {
            // A delete must be as durable as the renames committed after it, or a power loss could bring back an
            // uncommitted file next to its rewrite in another folder.
            unsyncedFolders.add(file.getParent());
        }
    }

    @Override
    public byte[] get(String name) throws IOException {
        return Files.readAllBytes(resolve(name));
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void close() {
        // Nothing held open between writes.
    }

    private Path resolve(String name) {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("object name " + name + " leaves the lake folder " + root);
        }
        return path;
    }

    /** Makes the rename itself durable; some file systems refuse to open a folder for this, which is harmless. */
    private static void forceFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            if (!Files.isDirectory(folder)) {
                throw e instanceof IOException io ? io : new IOException(e);
            }
        }
    }
}
