package io.pinpipe.spark.stream;

import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends Parquet files that Spark wrote into one Delta table, committing through Delta Kernel.
 *
 * <p>Why not Spark's Delta writer: on a small machine each Delta commit from a Spark micro-batch costs about a
 * CPU-second, most of it Spark jobs that rebuild the table's snapshot; three tables per micro-batch then leave no
 * room for a trigger of a second or two. Kernel reads only the log's newest protocol, metadata and transaction ids
 * and writes the commit file itself.
 *
 * <p>Every commit carries a transaction id (application id, micro-batch id), as Delta's own streaming sink does:
 * a micro-batch that Spark replays after a crash finds its id committed and appends nothing twice. The application
 * id names the streaming query, which keeps its id for as long as its checkpoint lives; a new checkpoint starts a
 * new query id, whose micro-batch ids may start again at 0.
 */
final class KernelAppender {

    private static final String ENGINE_INFO = "pinpipe-stream";

    private final Engine engine;
    private final Table table;
    private final String applicationId;
    /** The table version after this appender's last commit (or when it started): a newer one is another writer's. */
    private long knownVersion;

    KernelAppender(Engine engine, String tablePath, String applicationId) {
        this.engine = engine;
        this.table = Table.forPath(engine, tablePath);
        this.applicationId = applicationId;
        this.knownVersion = table.getLatestSnapshot(engine).getVersion();
    }

    /**
     * The transaction that appends micro-batch {@code batchId}, or empty when the table holds that micro-batch
     * already (it was committed before a crash, and Spark replays it).
     */
    Optional<Transaction> begin(long batchId) {
        try {
            return Optional.of(table.createTransactionBuilder(engine, ENGINE_INFO, Operation.STREAMING_UPDATE)
                    .withTransactionId(engine, applicationId, batchId)
                    .build(engine));
        } catch (ConcurrentTransactionException committed) {
            return Optional.empty();
        }
    }

    /**
     * Commits {@code files} (Parquet files under the table's folder, in its schema) and runs the commit's
     * housekeeping: a checkpoint every tenth commit, as Delta's own writers do, so readers replay a short log.
     *
     * @return the table version written
     */
    long commit(Transaction transaction, List<DataFileStatus> files) {
        Row state = transaction.getTransactionState(engine);
        try (CloseableIterator<Row> actions = Transaction.generateAppendActions(engine, state,
                inMemory(files), Transaction.getWriteContext(engine, state, Map.of()))) {
            TransactionCommitResult result = transaction.commit(engine, CloseableIterable.inMemoryIterable(actions));
            long readVersion = transaction.getReadTableVersion();
            if (result.getVersion() != readVersion + 1) {
                // Kernel rebased this blind append over commits made since the read: another writer appended to
                // the table meanwhile, possibly the same keys. The lock should have made that impossible.
                throw new ConcurrentWriterException(table.getPath(engine), readVersion, result.getVersion());
            }
            for (PostCommitHook hook : result.getPostCommitHooks()) {
                hook.threadSafeInvoke(engine);
            }
            knownVersion = result.getVersion();
            return knownVersion;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether someone else committed to the table since this appender's last commit (or its start): what the
     * caller knows of the table's rows may then be out of date.
     */
    boolean othersCommittedBefore(Transaction transaction) {
        boolean changed = transaction.getReadTableVersion() != knownVersion;
        knownVersion = transaction.getReadTableVersion();
        return changed;
    }

    /** This job's commit landed after another writer's, made while it prepared its own. */
    static final class ConcurrentWriterException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ConcurrentWriterException(String table, long readVersion, long committedVersion) {
            super("another writer committed to " + table + " while this stream job wrote it (read version "
                    + readVersion + ", committed as version " + committedVersion + "): the table may hold rows of"
                    + " one ind twice. Run one stream job per warehouse; see docs/stream.md");
        }
    }

    private static CloseableIterator<DataFileStatus> inMemory(List<DataFileStatus> files) {
        var iterator = files.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public DataFileStatus next() {
                return iterator.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
