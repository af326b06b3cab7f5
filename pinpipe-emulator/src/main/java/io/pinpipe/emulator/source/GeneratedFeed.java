package io.pinpipe.emulator.source;

import io.pinpipe.common.SourceRecord;
import io.pinpipe.common.SourceTable;
import io.pinpipe.emulator.dataset.SourceRow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;

/** The records of generated rows, straight into the database without files: pin, geo, user of each row in turn. */
public final class GeneratedFeed implements RecordFeed {

    private final Stream<SourceRow> rows;
    private final Iterator<SourceRow> iterator;
    private final Deque<SourceRecord> pending = new ArrayDeque<>(3);

    public GeneratedFeed(Stream<SourceRow> rows) {
        this.rows = rows;
        this.iterator = rows.iterator();
    }

    @Override
    public Set<SourceTable> tables() {
        return EnumSet.allOf(SourceTable.class);
    }

    @Override
    public SourceRecord next() {
        if (pending.isEmpty()) {
            if (!iterator.hasNext()) {
                return null;
            }
            SourceRow row = iterator.next();
            pending.add(row.pin());
            pending.add(row.geo());
            pending.add(row.user());
        }
        return pending.poll();
    }

    @Override
    public void close() {
        rows.close();
    }
}
