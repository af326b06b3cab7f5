package io.pinpipe.cli.stream;

import io.pinpipe.cli.LoggedProcess;
import io.pinpipe.cli.batch.SparkJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark main of the spark module as a real child process, started exactly as {@code pinpipe stream} starts it,
 * so a test can kill it with SIGKILL as a crash would. Its output goes to a log file.
 */
final class StreamJobProcess extends LoggedProcess {

    static final String EXPORT_CLASS = "io.pinpipe.spark.stream.TableExport";

    private StreamJobProcess(List<String> command, Path log) throws IOException {
        super(command, log);
    }

    /** The pinpipe home: the repository root above this module. */
    static Path home() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    static StreamJobProcess start(Path log, String mainClass, List<String> options) throws IOException {
        List<String> command = new ArrayList<>(SparkJvm.command(home(), "768m", "local[2]", mainClass, options,
                log.resolveSibling("spark-" + log.getFileName())));
        command.add(1, "-Duser.timezone=UTC");
        command.add(1, "-Dspark.ui.enabled=false");
        return new StreamJobProcess(command, log);
    }
}
