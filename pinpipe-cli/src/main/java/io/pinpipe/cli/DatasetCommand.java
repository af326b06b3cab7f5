package io.pinpipe.cli;

import io.pinpipe.cli.dataset.DatasetLoadCommand;
import io.pinpipe.cli.dataset.GenerateCommand;
import picocli.CommandLine.Command;

/** {@code pinpipe dataset}: make and load the source tables. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Generate the course-like dataset and load it into the source database.",
        subcommands = {
                GenerateCommand.class,
                DatasetLoadCommand.class,
        })
final class DatasetCommand {
}
