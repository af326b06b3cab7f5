package io.pinpipe.common;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * pinpipe's one configuration format: a Java properties file, overridden key by key by environment variables
 * ({@code PINPIPE_BOOTSTRAP_SERVERS} overrides {@code bootstrap.servers}), overridden in turn by explicit values such
 * as command-line options. Immutable. {@link #toString()} hides every secret ({@link Redaction}), so a
 * {@code Settings} can be logged.
 */
public final class Settings {

    private static final String ENV_PREFIX = "PINPIPE_";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Settings empty() {
        return new Settings(Map.of());
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /**
     * Reads a properties file (UTF-8), then applies the environment overrides for every key declared in
     * {@code declared} and every key already in the file.
     *
     * @param file may be null: then only defaults and the environment count
     */
    public static Settings load(Path file, Map<String, String> environment, Iterable<ConfigKey> declared) {
        Map<String, String> merged = new TreeMap<>();
        if (file != null) {
            merged.putAll(readProperties(file));
        }
        for (ConfigKey key : declared) {
            merged.putIfAbsent(key.name(), null);
        }
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> entry : merged.entrySet()) {
            String fromEnvironment = environment.get(environmentVariable(entry.getKey()));
            String value = fromEnvironment != null ? fromEnvironment : entry.getValue();
            if (value != null) {
                result.put(entry.getKey(), value);
            }
        }
        return new Settings(result);
    }

    /** Reads a properties file as it is, keys and values trimmed (the course's files have spaces around '='). */
    public static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        Map<String, String> values = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name.trim(), properties.getProperty(name).trim());
        }
        return values;
    }

    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** A copy with {@code overrides} applied on top; null values remove a key. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        overrides.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            } else {
                merged.put(key, value);
            }
        });
        return new Settings(merged);
    }

    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value, or the key's default; checked against the key's validator. */
    public String get(ConfigKey key) {
        String value = values.getOrDefault(key.name(), key.defaultValue());
        if (value == null) {
            throw new IllegalArgumentException("missing setting '" + key.name() + "' (" + key.doc() + "); set it in"
                    + " the config file or as " + key.environmentVariable());
        }
        if (!key.validator().test(value)) {
            boolean secret = key.secret() || Redaction.isSecretKey(key.name());
            throw new IllegalArgumentException("setting '" + key.name() + "' is "
                    + (secret ? "invalid" : "'" + Redaction.text(value) + "'") + ": expected " + key.expected());
        }
        return value;
    }

    /**
     * The value of a key that a command-line flag overrides: the flag when given, else the setting, else the key's
     * default. The flag passes the key's validator like any other value; an invalid one is refused naming the flag.
     *
     * @param flagName the flag as the user typed it, e.g. {@code --user-id}
     * @param flag     the flag's value, null when not given
     */
    public String get(ConfigKey key, String flagName, String flag) {
        if (flag == null) {
            return get(key);
        }
        if (!key.validator().test(flag)) {
            boolean secret = key.secret() || Redaction.isSecretKey(key.name());
            throw new IllegalArgumentException("option " + flagName + " is " + (secret ? "invalid"
                    : "'" + Redaction.text(flag) + "'") + ": expected " + key.expected() + " (as setting '"
                    + key.name() + "')");
        }
        return flag;
    }

    /**
     * An optional setting a command-line flag overrides (a key without default, e.g. an API key): the flag when given,
     * checked as {@link #get(ConfigKey, String, String)} checks it, else the setting when set, else empty.
     */
    public Optional<String> find(ConfigKey key, String flagName, String flag) {
        return flag != null ? Optional.of(get(key, flagName, flag)) : find(key.name());
    }

    public int getInt(ConfigKey key) {
        String value = get(key);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key.name() + "' is '" + value + "': expected a number", e);
        }
    }

    /**
     * A true/false setting, whatever its key's validator: {@code true} or {@code false} in any case; anything else
     * ({@code yes}, {@code 1}, a typo) is an error naming the key, never a silent {@code false}.
     */
    public boolean getBoolean(ConfigKey key) {
        String value = get(key);
        if (!ConfigKey.isBoolean(value)) {
            throw new IllegalArgumentException("setting '" + key.name() + "' is '" + Redaction.text(value)
                    + "': expected true or false");
        }
        return Boolean.parseBoolean(value.trim());
    }

    /** Every key starting with {@code prefix}, with the prefix removed: {@code client.*} → Kafka client settings. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                result.put(key.substring(prefix.length()), value);
            }
        });
        return result;
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** The values with secrets hidden ({@link Redaction}): the only form in which settings may be logged. */
    public Map<String, String> redacted() {
        return Redaction.map(values);
    }

    @Override
    public String toString() {
        return "Settings" + redacted();
    }
}
