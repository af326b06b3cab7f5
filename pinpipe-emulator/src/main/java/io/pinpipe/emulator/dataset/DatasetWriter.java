package io.pinpipe.emulator.dataset;

import io.pinpipe.common.GeoRecord;
import io.pinpipe.common.PinRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.common.UserRecord;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Streams rows into the three table files ({@code pinterest_data}, {@code geolocation_data}, {@code user_data}) of
 * one folder, one line per row, {@code \n} line ends, UTF-8. The files are written as {@code *.part} and renamed
 * into place only by {@link #commit()}, so a failed or interrupted run never leaves a file that looks complete
 * (and never half-overwrites a good one). {@link #close()} without a commit deletes the parts.
 */
public final class DatasetWriter implements Closeable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final Path folder;
    private final DatasetFormat format;
    private final Map<SourceTable, OutputStream> writers = new EnumMap<>(SourceTable.class);
    private final StringBuilder line = new StringBuilder(1024);
    private byte[] bytes = new byte[4096];
    private long rows;
    private boolean committed;

    /**
     * Creates the folder if needed and opens the three part files.
     *
     * @throws IOException when the folder or a file cannot be created
     */
    public DatasetWriter(Path folder, DatasetFormat format) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.format = format;
        try {
            for (SourceTable table : SourceTable.values()) {
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(part(table)), BUFFER_BYTES);
                writers.put(table, out);
                String header = format.header(table);
                if (header != null) {
                    out.write((header + '\n').getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The final path of {@code table}'s file in {@code folder}. */
    public static Path fileOf(Path folder, SourceTable table, DatasetFormat format) {
        return folder.resolve(format.fileName(table));
    }

    public void write(SourceRow row) throws IOException {
        PinRecord pin = row.pin();
        writeLine(SourceTable.PIN, Arrays.asList(pin.index(), pin.uniqueId(), pin.title(), pin.description(),
                pin.posterName(), pin.followerCount(), pin.tagList(), pin.isImageOrVideo(), pin.imageSrc(),
                pin.downloaded(), pin.saveLocation(), pin.category()));
        GeoRecord geo = row.geo();
        writeLine(SourceTable.GEO, Arrays.asList(geo.ind(), geo.timestamp(), geo.latitude(), geo.longitude(),
                geo.country()));
        UserRecord user = row.user();
        writeLine(SourceTable.USER, Arrays.asList(user.ind(), user.firstName(), user.lastName(), user.age(),
                user.dateJoined()));
        rows++;
    }

    public long rowsWritten() {
        return rows;
    }

    /** Flushes the files and moves them to their final names, replacing older files of the same name. */
    public List<Path> commit() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<SourceTable, OutputStream> entry : writers.entrySet()) {
            entry.getValue().close();
            Path target = fileOf(folder, entry.getKey(), format);
            Files.move(part(entry.getKey()), target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            files.add(target);
        }
        committed = true;
        return files;
    }

    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        IOException failure = null;
        for (Map.Entry<SourceTable, OutputStream> entry : writers.entrySet()) {
            try {
                entry.getValue().close();
                Files.deleteIfExists(part(entry.getKey()));
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        writers.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private void writeLine(SourceTable table, List<Object> values) throws IOException {
        line.setLength(0);
        format.appendRow(line, table, values);
        line.append('\n');
        int length = Utf8.encode(line, bytes);
        if (length < 0) {
            bytes = new byte[line.length() * 3];
            length = Utf8.encode(line, bytes);
        }
        writers.get(table).write(bytes, 0, length);
    }

    private Path part(SourceTable table) {
        return folder.resolve(format.fileName(table) + ".part");
    }
}
