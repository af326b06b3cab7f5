package io.pinpipe.connect.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
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
 * then published by a hard link to its final name, which the kernel creates only if the name is free (atomically:
 * of two writers racing for a name exactly one link succeeds, unlike a rename, which replaces). A reader sees a whole
 * file or none, a machine crash cannot leave a published file without its bytes, and no writer ever replaces another
 * writer's file; a {@link PublishGuard} is asked just before the link. {@link #stage} writes and forces the temporary
 * file, the slow part, so several files can be written at once and still be linked in order. The link becomes durable
 * when its folder is forced, which {@link #sync} does for every folder written to since the last sync (one folder
 * flush for many files). Hidden names (leading '.') are never lake files. The
 * folder must be on a file system with hard links (any Linux or macOS local file system, NTFS).
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
    public void put(String name, ByteBuffer content, PublishGuard guard) throws IOException {
        stage(name, content).publishOrDiscard(guard);
    }

    /** Writes and forces the hidden temporary file now; the publish is the link (and the guard just before it). */
    @Override
    public Staged stage(String name, ByteBuffer content) throws IOException {
        Path target = resolve(name);
        Path temp = writeTemp(target, content);
        return new Staged() {
            @Override
            public void publish(PublishGuard guard) throws IOException {
                try {
                    LocalFolderStore.this.publish(temp, target, name, guard);
                } finally {
                    Files.deleteIfExists(temp);
                }
                unsyncedFolders.add(target.getParent());
            }

            @Override
            public void discard() {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // A hidden temporary file, as a killed writer leaves: readers skip it, a clean-up removes it.
                }
            }
        };
    }

    @Override
    public void replace(String name, byte[] content) throws IOException {
        Path target = resolve(name);
        Path temp = writeTemp(target, ByteBuffer.wrap(content));
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        unsyncedFolders.add(target.getParent());
    }

    /** Writes {@code content} to a new hidden temporary file beside {@code target} and forces it to disk. */
    private static Path writeTemp(Path target, ByteBuffer content) throws IOException {
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (content.hasRemaining()) {
                channel.write(content);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /**
     * Links {@code temp} to the free name {@code target}, once {@code guard} allows it; a taken name is fine only if it
     * holds the same bytes.
     */
    private void publish(Path temp, Path target, String name, PublishGuard guard) throws IOException {
        try {
            // As late as a check can be: only the link itself is left between it and the file being visible.
            guard.check(name);
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            if (Files.mismatch(temp, target) != -1) {
                throw new ObjectConflictException(name, describe());
            }
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException("the file system of " + root + " has no hard links, which the"
                    + " lake sink needs to publish a file without replacing another writer's", e);
        }
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
    public List<String> list(String prefix, String startAfter) throws IOException {
        Path start = resolve(prefix);
        Path folder = prefix.isEmpty() || prefix.endsWith("/") ? start : start.getParent();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        if (!folder.equals(start)) {
            // A name prefix inside one folder (a partition's files): one read of the folder's names, no file opened.
            return namesIn(folder, prefix, startAfter);
        }
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .map(this::name)
                    .filter(name -> name.startsWith(prefix) && name.compareTo(startAfter) > 0)
                    .forEach(names::add);
        }
        return names;
    }

    private List<String> namesIn(Path folder, String prefix, String startAfter) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                String name = name(file);
                if (name.startsWith(prefix) && name.compareTo(startAfter) > 0) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Override
    public int removeIncomplete(String folder, Predicate<String> ours) throws IOException {
        Path dir = resolve(folder);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + "*" + TEMP_SUFFIX)) {
            for (Path file : files) {
                finalName(file).filter(ours).ifPresent(name -> leftovers.add(file));
            }
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
        return Optional.of(name(file.resolveSibling(fileName.substring(1, end))));
    }

    private String name(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
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
