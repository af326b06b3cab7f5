package io.pinpipe.cli.connect;

import picocli.CommandLine.Command;

/** {@code pinpipe connect}: the lake sink worker. */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "The lake sink: a Kafka Connect worker writing the user's topics to the lake.",
        subcommands = {ConnectRunCommand.class, ConnectStatusCommand.class, ConnectTranslateCommand.class})
public final class ConnectCommand {
}
