package io.pinpipe.spark;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.Settings;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The command line of pinpipe's Spark jobs: {@code --flag value} (or {@code --flag=value}) pairs, one flag per
 * {@link ConfigKey} ({@code user.id} → {@code --user-id}), read into {@link Settings} so that the keys' defaults and
 * validators apply. The batch and streaming jobs take their arguments this way under {@code spark-submit}, where no
 * picocli is around.
 */
public final class JobArguments {

    private JobArguments() {
    }

    /**
     * The first step of a job's {@code main}: {@code --help} (or {@code -h}) prints the usage, bad options print
     * their error after the command's name; either way the job ends at once, before Spark starts.
     *
     * @param command the name errors start with, e.g. {@code pinpipe batch}
     * @param parse   the job's parser, throwing {@link IllegalArgumentException} for bad options
     */
    public static <T> Read<T> read(String command, String[] args, String usage, Function<String[], T> parse,
                                   PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(usage);
            return new Read<>(null, 0);
        }
        try {
            return new Read<>(parse.apply(args), 0);
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + e.getMessage());
            return new Read<>(null, 2);
        }
    }

    /**
     * A job's command line as read: its options, or none and the exit code to end with (0 after {@code --help}, 2
     * for bad options).
     */
    public record Read<T>(T options, int exitCode) {

        /** True when the job must end now with {@link #exitCode()}. */
        public boolean ended() {
            return options == null;
        }
    }

    /** The flag of a key: {@code user.id} → {@code --user-id}. */
    public static String flag(ConfigKey key) {
        return "--" + key.name().replace('.', '-');
    }

    /**
     * Reads {@code args} into settings of {@code keys}; the job's {@code from(Settings)} validates the values.
     *
     * @param job the job's name for the usage text, e.g. {@code batch}
     * @throws IllegalArgumentException naming the flag for an unknown flag or a missing value
     */
    public static Settings parse(String job, List<ConfigKey> keys, String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            ConfigKey key = keyOf(job, keys, arg);
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                value = args[++i];
            }
            values.put(key.name(), value);
        }
        return Settings.of(values);
    }

    /** Applies the validator of every key that {@code settings} holds a value for. */
    public static void validateGiven(Settings settings, List<ConfigKey> keys) {
        for (ConfigKey key : keys) {
            if (settings.find(key.name()).isPresent()) {
                settings.get(key);
            }
        }
    }

    /** One line per option, for {@code --help}. */
    public static String usage(String job, List<ConfigKey> keys) {
        StringBuilder text = new StringBuilder("Options of the pinpipe " + job + " job:\n");
        for (ConfigKey key : keys) {
            text.append(String.format("  %-28s %s%s%n", flag(key) + " VALUE", key.doc(),
                    key.defaultValue() != null ? " Default: " + key.defaultValue() + "." : ""));
        }
        return text.toString();
    }

    /** A folder or URL without its trailing slashes ({@code s3a://b/p/} → {@code s3a://b/p}). */
    public static String stripTrailingSlash(String location) {
        String result = location.trim();
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static ConfigKey keyOf(String job, List<ConfigKey> keys, String flag) {
        for (ConfigKey key : keys) {
            if (flag(key).equals(flag)) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown option '" + flag + "'\n" + usage(job, keys));
    }
}
