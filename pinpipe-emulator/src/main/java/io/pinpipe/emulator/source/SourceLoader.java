package io.pinpipe.emulator.source;

import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Loads records into the three source tables, creating them when missing. Rows go in JDBC batches, one transaction
 * per batch, so a row that does not parse leaves its whole batch out (earlier batches stay). Loading is idempotent:
 * a row whose key the table already holds is skipped and counted, so re-running a load never duplicates rows and
 * resumes an interrupted one; {@code replace} empties the tables the input fills first.
 */
public final class SourceLoader {

    public static final int DEFAULT_BATCH_SIZE = 1_000;

    private final SourceDatabase database;
    private final int batchSize;
    private final LongConsumer progress;

    /**
     * @param progress told how many records each committed batch held
     */
    public SourceLoader(SourceDatabase database, int batchSize, LongConsumer progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
        }
        this.database = database;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /** Creates the three tables where they do not exist yet; harmless when they do. */
    public static void createTables(Connection connection, SourceDatabase database) {
        try (Statement statement = connection.createStatement()) {
            SourceSchema schema = new SourceSchema(SqlDialect.of(connection));
            for (SourceTable table : SourceTable.values()) {
                statement.execute(schema.createTable(table));
            }
        } catch (SQLException e) {
            throw database.failure("cannot create the source tables", e);
        }
    }

    public LoadSummary load(RecordFeed feed, boolean replace) {
        long start = System.nanoTime();
        Map<SourceTable, Long> inserted = new EnumMap<>(SourceTable.class);
        Map<SourceTable, Long> skipped = new EnumMap<>(SourceTable.class);
        feed.tables().forEach(table -> {
            inserted.put(table, 0L);
            skipped.put(table, 0L);
        });
        try (Connection connection = database.connect()) {
            createTables(connection, database);
            SourceSchema schema = new SourceSchema(SqlDialect.of(connection));
            connection.setAutoCommit(false);
            if (replace) {
                emptyTables(connection, schema, feed);
            }
            List<SourceRecord> batch = new ArrayList<>(batchSize);
            for (SourceRecord record = feed.next(); record != null; record = feed.next()) {
                batch.add(record);
                if (batch.size() == batchSize) {
                    writeBatch(connection, schema, batch, inserted, skipped);
                    batch.clear();
                }
            }
            writeBatch(connection, schema, batch, inserted, skipped);
        } catch (SQLException e) {
            throw database.failure("cannot load the source tables", e);
        }
        return new LoadSummary(inserted, skipped, Duration.ofNanos(System.nanoTime() - start));
    }

    private void emptyTables(Connection connection, SourceSchema schema, RecordFeed feed) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (SourceTable table : feed.tables()) {
                statement.executeUpdate(schema.deleteAll(table));
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }

    private void writeBatch(Connection connection, SourceSchema schema, List<SourceRecord> batch,
                            Map<SourceTable, Long> inserted, Map<SourceTable, Long> skipped) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        Map<SourceTable, List<SourceRecord>> byTable = new EnumMap<>(SourceTable.class);
        batch.forEach(record -> byTable.computeIfAbsent(record.table(), table -> new ArrayList<>()).add(record));
        try {
            for (Map.Entry<SourceTable, List<SourceRecord>> entry : byTable.entrySet()) {
                SourceTable table = entry.getKey();
                List<SourceRecord> fresh = withoutPresentKeys(connection, schema, table, entry.getValue());
                insert(connection, schema, table, fresh);
                inserted.merge(table, (long) fresh.size(), Long::sum);
                skipped.merge(table, (long) (entry.getValue().size() - fresh.size()), Long::sum);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
        progress.accept(batch.size());
    }

    /** The records whose key is neither in the table nor earlier in the same batch. */
    private static List<SourceRecord> withoutPresentKeys(Connection connection, SourceSchema schema, SourceTable table,
                                                         List<SourceRecord> records) throws SQLException {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (SourceRecord record : records) {
            min = Math.min(min, record.id());
            max = Math.max(max, record.id());
        }
        Set<Integer> present = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(schema.keysBetween(table))) {
            query.setInt(1, min);
            query.setInt(2, max);
            try (ResultSet keys = query.executeQuery()) {
                while (keys.next()) {
                    present.add(keys.getInt(1));
                }
            }
        }
        List<SourceRecord> fresh = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            if (present.add(record.id())) {
                fresh.add(record);
            }
        }
        return fresh;
    }

    private static void insert(Connection connection, SourceSchema schema, SourceTable table,
                               List<SourceRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(schema.insert(table))) {
            for (SourceRecord record : records) {
                RowMapping.bind(insert, record);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
