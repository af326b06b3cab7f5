package io.pinpipe.cli;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root command. Holds the options every subcommand shares: the data folder and the config file. Subcommands
 * reach it through {@link #of(CommandSpec)}.
 */
@Command(name = "pinpipe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The Pinterest-style event data pipeline: source database -> REST Proxy gateway -> Kafka"
                + " -> lake -> Spark.",
        subcommands = {
                DatasetCommand.class,
                io.pinpipe.cli.batch.BatchCommand.class,
        })
public final class PinpipeCommand {

    /** The name of the config file looked for in the data folder when {@code --config} is not given. */
    public static final String DEFAULT_CONFIG_FILE = "pinpipe.properties";

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The pinpipe data folder (database, broker, lake, results). Default: ./pinpipe-data,"
                    + " or PINPIPE_DATA_DIR.")
    private Path dataDir;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "A properties file with pinpipe settings; environment variables PINPIPE_<KEY> override"
                    + " it. Default: <data-dir>/pinpipe.properties when it exists.")
    private Path configFile;

    public static PinpipeCommand of(CommandSpec spec) {
        return (PinpipeCommand) spec.root().userObject();
    }

    /** The data folder, created on first use. */
    public Path dataDir() {
        Path dir = dataDir;
        if (dir == null) {
            String fromEnvironment = System.getenv("PINPIPE_DATA_DIR");
            dir = Path.of(fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : "pinpipe-data");
        }
        try {
            return Files.createDirectories(dir.toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dir, e);
        }
    }

    /** The settings of this run: the config file (if any) with environment overrides for the declared keys. */
    public Settings settings(Iterable<ConfigKey> declared) {
        Path file = configFile;
        if (file == null) {
            Path candidate = dataDir().resolve(DEFAULT_CONFIG_FILE);
            file = Files.isRegularFile(candidate) ? candidate : null;
        }
        return Settings.load(file, System.getenv(), declared);
    }
}
