package io.pinpipe.cli;

import io.pinpipe.cli.batch.BatchCommand;
import io.pinpipe.cli.connect.ConnectCommand;
import io.pinpipe.cli.demo.DemoCommand;
import io.pinpipe.cli.emulate.EmulateCommand;
import io.pinpipe.cli.gateway.GatewayCommand;
import io.pinpipe.cli.live.StatusCommand;
import io.pinpipe.cli.schedule.ScheduleCommand;
import io.pinpipe.cli.stack.UpCommand;
import io.pinpipe.cli.stream.StreamCommand;
import io.pinpipe.cli.topics.TopicsCommand;
import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
                DemoCommand.class,
                UpCommand.class,
                StatusCommand.class,
                DatasetCommand.class,
                ScheduleCommand.class,
                EmulateCommand.class,
                GatewayCommand.class,
                TopicsCommand.class,
                ConnectCommand.class,
                BatchCommand.class,
                StreamCommand.class,
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

    /** The data folder's layout: where each command finds what the others wrote. */
    public DataFolder dataFolder() {
        return new DataFolder(dataDir());
    }

    /** The root options as given ({@code --data-dir}, {@code --config}), to pass on to a command run from here. */
    public List<String> forwardedOptions() {
        List<String> options = new ArrayList<>(List.of("--data-dir", dataDir().toString()));
        if (configFile != null) {
            options.addAll(List.of("--config", configFile.toAbsolutePath().toString()));
        }
        return options;
    }

    /** The config file of this run: {@code --config}, else {@code <data-dir>/pinpipe.properties} when it exists. */
    public Optional<Path> configFile() {
        if (configFile != null) {
            return Optional.of(configFile);
        }
        Path candidate = dataDir().resolve(DEFAULT_CONFIG_FILE);
        return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** The settings of this run: the config file (if any) with environment overrides for the declared keys. */
    public Settings settings(Iterable<ConfigKey> declared) {
        return Settings.load(configFile().orElse(null), System.getenv(), declared);
    }
}
