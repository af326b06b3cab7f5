package io.pinpipe.spark.stream;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.utils.DataFileStatus;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Parquet files a Spark write left in one folder, described for a Delta commit: path, size, time, and the
 * statistics Delta readers use (row count; minimum, maximum and null count of the key column), taken from each
 * file's footer rather than by reading the rows again.
 */
final class WrittenFiles {

    private WrittenFiles() {
    }

    static List<DataFileStatus> in(String folder, String keyColumn, Configuration hadoop) {
        try {
            Path path = new Path(folder);
            FileSystem fs = path.getFileSystem(hadoop);
            List<DataFileStatus> files = new ArrayList<>();
            for (FileStatus file : fs.listStatus(path, name -> name.getName().endsWith(".parquet"))) {
                files.add(new DataFileStatus(file.getPath().toString(), file.getLen(), file.getModificationTime(),
                        Optional.of(statistics(file, keyColumn, hadoop))));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the files written to " + folder, e);
        }
    }

    /** Rows in all files. */
    static long rows(List<DataFileStatus> files) {
        return files.stream().mapToLong(file -> file.getStatistics().map(DataFileStatistics::getNumRecords)
                .orElse(0L)).sum();
    }

    private static DataFileStatistics statistics(FileStatus file, String keyColumn, Configuration hadoop)
            throws IOException {
        long rows = 0;
        long nulls = 0;
        Integer min = null;
        Integer max = null;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, hadoop))) {
            for (BlockMetaData block : reader.getFooter().getBlocks()) {
                rows += block.getRowCount();
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    Statistics<?> stats = chunk.getStatistics();
                    if (!chunk.getPath().toDotString().equals(keyColumn) || stats == null || stats.isEmpty()) {
                        continue;
                    }
                    nulls += stats.getNumNulls();
                    if (stats.hasNonNullValue()) {
                        int low = ((Number) stats.genericGetMin()).intValue();
                        int high = ((Number) stats.genericGetMax()).intValue();
                        min = min == null ? low : Math.min(min, low);
                        max = max == null ? high : Math.max(max, high);
                    }
                }
            }
        }
        Column key = new Column(keyColumn);
        return new DataFileStatistics(rows,
                min == null ? Map.of() : Map.of(key, Literal.ofInt(min)),
                max == null ? Map.of() : Map.of(key, Literal.ofInt(max)),
                Map.of(key, nulls));
    }
}
