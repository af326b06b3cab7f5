package io.pinpipe.spark.stream;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Kafka client settings for the streaming job's Kafka source, from a properties file in the format of Kafka's own
 * tools ({@code --command-config client.properties}): security protocol, SASL mechanism and JAAS line (MSK IAM,
 * SCRAM), TLS trust store. Each goes to Spark's Kafka source as {@code kafka.<name>}.
 *
 * <p>The values may be secrets (a JAAS line can hold a password): {@link #toString()} names the settings only.
 */
public final class KafkaClientConfig {

    /** No file: the source connects with the bootstrap servers alone (PLAINTEXT). */
    public static final KafkaClientConfig NONE = new KafkaClientConfig(Collections.emptySortedMap());

    /**
     * Settings the job owns (the servers have their own option) or that Spark's Kafka source manages itself and
     * refuses.
     */
    private static final Set<String> NOT_ALLOWED = Set.of("bootstrap.servers", "auto.offset.reset",
            "enable.auto.commit", "key.deserializer", "value.deserializer", "interceptor.classes");

    private final SortedMap<String, String> settings;

    private KafkaClientConfig(SortedMap<String, String> settings) {
        this.settings = Collections.unmodifiableSortedMap(settings);
    }

    /**
     * Reads a properties file.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read, or a setting the job does not accept
     */
    public static KafkaClientConfig read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Kafka client settings file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read Kafka client settings file " + file + ": "
                    + e.getMessage());
        }
        SortedMap<String, String> settings = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            String key = name.startsWith("kafka.") ? name.substring("kafka.".length()) : name;
            if (NOT_ALLOWED.contains(key)) {
                throw new IllegalArgumentException("Kafka client settings file " + file + ": " + name
                        + (key.equals("bootstrap.servers") ? " belongs in --bootstrap-servers"
                        : " is managed by Spark's Kafka source and cannot be set"));
            }
            settings.put(key, properties.getProperty(name).trim());
        }
        return new KafkaClientConfig(settings);
    }

    /** The settings as Spark's Kafka source options ({@code kafka.security.protocol} → value). */
    public Map<String, String> sourceOptions() {
        Map<String, String> options = new TreeMap<>();
        settings.forEach((name, value) -> options.put("kafka." + name, value));
        return options;
    }

    public boolean isEmpty() {
        return settings.isEmpty();
    }

    /** The settings' names, never their values. */
    @Override
    public String toString() {
        return String.join(", ", settings.keySet());
    }
}
