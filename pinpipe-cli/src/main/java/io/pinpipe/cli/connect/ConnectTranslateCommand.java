package io.pinpipe.cli.connect;

import io.pinpipe.common.Settings;
import io.pinpipe.connect.ConfluentNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pinpipe connect translate FILE}: a Confluent S3 sink connector file as pinpipe lake connector settings. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        description = "Print a Confluent S3 sink connector file (such as the course's) as pinpipe lake connector"
                + " settings, with a note (on stderr) for each change.")
final class ConnectTranslateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The connector properties file.")
    private Path file;

    @Override
    public Integer call() {
        ConfluentNames.Translation translation = ConfluentNames.translate(Settings.readProperties(file));
        PrintWriter out = spec.commandLine().getOut();
        translation.props().forEach((key, value) -> out.println(key + "=" + value));
        translation.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
        out.flush();
        return 0;
    }
}
