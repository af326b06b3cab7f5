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
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A lake in a local folder. A file is written under a hidden temporary name in its final folder, forced to disk,
 * then renamed atomically over its final name, and the folder is forced too: a reader sees a whole file or none,
 * and a machine crash cannot leave a renamed file without its bytes. Hidden names (leading '.') are never lake files.
 */
public final class LocalFolderStore implements ObjectStore {

    private final Path root;

    public LocalFolderStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        Path target = resolve(name);
        Path folder = target.getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceFolder(folder);
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
    public void delete(String name) throws IOException {
        Files.deleteIfExists(resolve(name));
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
