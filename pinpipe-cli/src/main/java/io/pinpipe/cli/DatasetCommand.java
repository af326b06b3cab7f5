package io.pinpipe.cli;

import io.pinpipe.cli.dataset.DatasetLoadCommand;
import io.pinpipe.cli.dataset.GenerateCommand;
import io.pinpipe.cli.dataset.LakeCommand;
import picocli.CommandLine.Command;

/** {@code pinpipe dataset}: make and load the source tables. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Generate the course-like dataset, load it into the source database, or write it as a lake.",
        subcommands = {
                GenerateCommand.class,
                DatasetLoadCommand.class,
                LakeCommand.class,
        })
final class DatasetCommand {
}
