package io.pinpipe.gateway.config;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.KafkaCluster;
import io.pinpipe.common.Settings;
import io.pinpipe.gateway.consumer.ConsumerSettings;
import io.pinpipe.gateway.front.ApiKey;
import io.pinpipe.gateway.streams.StreamsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gateway's settings, parsed and checked once at start so a bad value fails before any traffic. Reads a
 * {@code kafka-rest.properties} file as the Confluent REST Proxy does (spaces around '=' allowed); keys it does not
 * know, such as the legacy {@code zookeeper.connect}, are reported by {@link #ignoredKeys()} and logged as a warning,
 * never a failure. {@link #toString()} hides every secret.
 */
public final class GatewayConfig {

    /** The short environment variable for API keys (besides the generic PINPIPE_PINPIPE_API_KEYS). */
    public static final String API_KEYS_VARIABLE = "PINPIPE_API_KEYS";

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfig.class);

    /** Every key the gateway reads: its own, and those of the consumer and streams route modules. */
    private static final List<ConfigKey> DECLARED = Stream.of(GatewayKeys.ALL, ConsumerSettings.KEYS,
            StreamsSettings.KEYS).flatMap(List::stream).toList();

    private final Settings settings;
    private final URI listener;
    private final List<String> stages;
    private final List<ApiKey> apiKeys;
    private final Pattern topicsRegex;
    private final Pattern consumerGroupsRegex;
    private final KafkaClientConfigs kafka;
    private final List<String> ignoredKeys;

    private GatewayConfig(Settings settings) {
        this.settings = settings;
        GatewayKeys.ALL.stream().filter(key -> key.defaultValue() != null || settings.find(key.name()).isPresent())
                .forEach(settings::get);
        this.listener = URI.create(settings.get(GatewayKeys.LISTENERS).trim());
        this.stages = splitList(settings.get(GatewayKeys.STAGES));
        this.apiKeys = readApiKeys(settings);
        this.topicsRegex = Pattern.compile(settings.get(GatewayKeys.TOPICS_REGEX));
        this.consumerGroupsRegex = Pattern.compile(settings.get(GatewayKeys.CONSUMER_GROUPS_REGEX));
        this.kafka = KafkaClientConfigs.from(settings);
        this.ignoredKeys = findIgnoredKeys(settings);
        checkCrossFieldRules();
    }

    /**
     * Reads {@code kafka-rest.properties}; environment variables {@code PINPIPE_<KEY>} override its keys (e.g.
     * {@code PINPIPE_BOOTSTRAP_SERVERS}, {@code PINPIPE_API_KEYS}).
     *
     * @param file may be null: defaults and the environment only
     */
    public static GatewayConfig load(Path file, Map<String, String> environment) {
        return load(file, environment, key -> false);
    }

    /**
     * As {@link #load(Path, Map)}, for a config file shared with other components ({@code pinpipe up}): keys for
     * which {@code ownedElsewhere} is true are not reported as ignored.
     */
    public static GatewayConfig load(Path file, Map<String, String> environment, Predicate<String> ownedElsewhere) {
        Settings settings = Settings.load(file, environment, DECLARED);
        String keysFromEnvironment = environment.get(API_KEYS_VARIABLE);
        if (keysFromEnvironment != null && !keysFromEnvironment.isBlank()) {
            settings = settings.with(Map.of(GatewayKeys.API_KEYS.name(), keysFromEnvironment));
        }
        GatewayConfig config = new GatewayConfig(settings);
        config.ignoredKeys.stream().filter(ownedElsewhere.negate()).forEach(key -> LOG.warn(
                "ignoring setting '{}'{}: pinpipe's gateway does not use it", key, file == null ? "" : " in " + file));
        return config;
    }

    /** Settings given as a map (tests, {@code pinpipe up}); same checks as {@link #load}. */
    public static GatewayConfig of(Map<String, String> values) {
        return new GatewayConfig(Settings.of(values));
    }

    /** A copy with some settings replaced (null removes one). */
    public GatewayConfig with(Map<String, String> overrides) {
        return new GatewayConfig(settings.with(overrides));
    }

    public String get(ConfigKey key) {
        return settings.get(key);
    }

    public int getInt(ConfigKey key) {
        return settings.getInt(key);
    }

    public boolean getBoolean(ConfigKey key) {
        return settings.getBoolean(key);
    }

    /** The Kafka cluster: {@code bootstrap.servers}, or the embedded broker's address when it is empty. */
    public String bootstrapServers() {
        return KafkaCluster.bootstrapServers(null, settings);
    }

    public Optional<String> find(ConfigKey key) {
        return settings.find(key.name()).filter(value -> !value.isBlank());
    }

    public URI listener() {
        return listener;
    }

    public boolean tls() {
        return "https".equalsIgnoreCase(listener.getScheme());
    }

    /** Stage names without slashes, e.g. {@code [test]}. */
    public List<String> stages() {
        return stages;
    }

    public boolean apiKeysEnabled() {
        return getBoolean(GatewayKeys.API_KEYS_ENABLED);
    }

    /** The accepted API keys with their rights (from the setting and the keys file); never log the secrets. */
    public List<ApiKey> apiKeys() {
        return apiKeys;
    }

    public Pattern topicsRegex() {
        return topicsRegex;
    }

    public Pattern consumerGroupsRegex() {
        return consumerGroupsRegex;
    }

    /** True when the listener's host is a loopback address: only this machine can reach the gateway. */
    public boolean loopbackOnly() {
        String host = listener.getHost() == null ? "" : listener.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** True when the listener is reachable beyond this machine and API keys are off: anyone may use it. */
    public boolean openToAnyone() {
        return !loopbackOnly() && !apiKeysEnabled();
    }

    /** Whether streams may be created and deleted at all ({@code pinpipe.streams.admin}; auto = loopback only). */
    public boolean streamsAdminEnabled() {
        String mode = get(GatewayKeys.STREAMS_ADMIN).trim().toLowerCase(Locale.ROOT);
        return mode.equals("on") || (mode.equals("auto") && loopbackOnly());
    }

    /** All settings, for route modules that read their own keys (consumers, streams). */
    public Settings settings() {
        return settings;
    }

    public KafkaClientConfigs kafka() {
        return kafka;
    }

    /** Keys in the file that nothing reads (legacy Confluent keys, typos). */
    public List<String> ignoredKeys() {
        return ignoredKeys;
    }

    @Override
    public String toString() {
        return "GatewayConfig" + settings.redacted();
    }

    private void checkCrossFieldRules() {
        if (openToAnyone() && !getBoolean(GatewayKeys.LISTEN_WITHOUT_API_KEYS)) {
            throw new IllegalArgumentException("listener " + listener + " is reachable beyond this machine but"
                    + " API keys are off: set '" + GatewayKeys.API_KEYS_ENABLED.name() + "=true' with keys, listen"
                    + " on 127.0.0.1, or set '" + GatewayKeys.LISTEN_WITHOUT_API_KEYS.name() + "=true' to accept"
                    + " that anyone who reaches the port may use the gateway");
        }
        if (apiKeysEnabled() && apiKeys.isEmpty()) {
            throw new IllegalArgumentException("setting '" + GatewayKeys.API_KEYS_ENABLED.name() + "' is true but no"
                    + " key is configured: set '" + GatewayKeys.API_KEYS.name() + "' (or PINPIPE_API_KEYS) or '"
                    + GatewayKeys.API_KEYS_FILE.name() + "'");
        }
        boolean keystore = find(GatewayKeys.SSL_KEYSTORE_LOCATION).isPresent();
        boolean pem = find(GatewayKeys.SSL_PEM_CERT).isPresent() || find(GatewayKeys.SSL_PEM_KEY).isPresent();
        if (tls() && !keystore && !pem) {
            throw new IllegalArgumentException("listener " + listener + " is https but neither '"
                    + GatewayKeys.SSL_KEYSTORE_LOCATION.name() + "' nor '" + GatewayKeys.SSL_PEM_CERT.name()
                    + "' + '" + GatewayKeys.SSL_PEM_KEY.name() + "' is set");
        }
        if (pem && (find(GatewayKeys.SSL_PEM_CERT).isEmpty() || find(GatewayKeys.SSL_PEM_KEY).isEmpty())) {
            throw new IllegalArgumentException("TLS from PEM needs both '" + GatewayKeys.SSL_PEM_CERT.name()
                    + "' and '" + GatewayKeys.SSL_PEM_KEY.name() + "'");
        }
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static List<ApiKey> readApiKeys(Settings settings) {
        List<String> keys = new ArrayList<>(splitList(settings.find(GatewayKeys.API_KEYS.name()).orElse("")));
        Optional<String> file = settings.find(GatewayKeys.API_KEYS_FILE.name()).filter(value -> !value.isBlank());
        if (file.isPresent()) {
            Path path = Path.of(file.get().trim());
            try {
                for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                    String key = line.strip();
                    if (!key.isEmpty() && !key.startsWith("#")) {
                        keys.add(key);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API keys file " + path, e);
            }
        }
        List<ApiKey> parsed = new ArrayList<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            try {
                ApiKey key = ApiKey.parse(keys.get(i));
                if (secrets.add(key.secret())) {
                    parsed.add(key);
                }
            } catch (IllegalArgumentException e) {
                // The entry holds a secret: name its position, never its text.
                throw new IllegalArgumentException("API key entry " + (i + 1) + " (of '" + GatewayKeys.API_KEYS.name()
                        + "' then '" + GatewayKeys.API_KEYS_FILE.name() + "'): " + e.getMessage(), e);
            }
        }
        return List.copyOf(parsed);
    }

    private static List<String> findIgnoredKeys(Settings settings) {
        Set<String> declared = new LinkedHashSet<>();
        DECLARED.forEach(key -> declared.add(key.name()));
        List<String> ignored = new ArrayList<>();
        for (String key : settings.asMap().keySet()) {
            boolean passedToKafka = GatewayKeys.CLIENT_PREFIXES.stream().anyMatch(key::startsWith);
            if (!declared.contains(key) && !passedToKafka) {
                ignored.add(key);
            }
        }
        return List.copyOf(ignored);
    }
}
