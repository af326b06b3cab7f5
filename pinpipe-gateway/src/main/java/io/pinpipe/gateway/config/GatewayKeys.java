package io.pinpipe.gateway.config;

import io.pinpipe.common.ConfigKey;
import io.pinpipe.common.KafkaCluster;

import java.util.List;
import java.util.Locale;

/**
 * Every setting the gateway reads from {@code kafka-rest.properties}, declared once with name, default, meaning and
 * validator. Confluent's names are used where the Confluent REST Proxy has one; pinpipe's own front keys (the API
 * Gateway part) start with {@code pinpipe.}. Kafka client settings are not declared here: they pass through under
 * {@link #CLIENT_PREFIXES}. The docs table in {@code docs/gateway.md} is checked against {@link #ALL} by a test.
 */
public final class GatewayKeys {

    /** Prefixes whose keys go, prefix removed, to the Kafka clients: every client, the producer, consumers, admin. */
    public static final List<String> CLIENT_PREFIXES = List.of("client.", "producer.", "consumer.", "admin.");

    public static final ConfigKey LISTENERS = new ConfigKey("listeners", "http://127.0.0.1:8082",
            "Where the gateway listens: one http:// or https:// URL (host and port; port 0 picks a free one).",
            false, GatewayKeys::isListener, "one URL like http://127.0.0.1:8082 or https://0.0.0.0:8443");

    /** The one declaration of pinpipe-common: empty reaches the embedded broker, as for every other part. */
    public static final ConfigKey BOOTSTRAP_SERVERS = KafkaCluster.BOOTSTRAP_SERVERS;

    public static final ConfigKey STAGES = new ConfigKey("pinpipe.stages", "test",
            "API Gateway stage names: every route also answers under /<stage>/... Comma separated; empty for none.",
            false, GatewayKeys::isStageList, "names of letters, digits, '-' and '_', comma separated");

    public static final ConfigKey CORS_ORIGIN = ConfigKey.of("access.control.allow.origin", "",
            "CORS: allowed origins, comma separated; '*' allows any; empty (the default) turns CORS off, so no web"
                    + " page a user opens can drive the gateway.");

    public static final ConfigKey CORS_METHODS = ConfigKey.of("access.control.allow.methods",
            "GET,POST,PUT,DELETE,OPTIONS,HEAD", "CORS: methods allowed in preflight answers.");

    public static final ConfigKey CORS_HEADERS = ConfigKey.of("access.control.allow.headers",
            "Content-Type,Accept,Authorization,X-Api-Key,X-Amz-Date,X-Amz-Security-Token",
            "CORS: request headers allowed in preflight answers.");

    public static final ConfigKey API_KEYS_ENABLED = ConfigKey.bool("pinpipe.api.keys.enabled", false,
            "Require an x-api-key header on every API route (403 when missing or wrong).");

    public static final ConfigKey API_KEYS = ConfigKey.secret("pinpipe.api.keys",
            "Accepted API keys, comma separated (or PINPIPE_API_KEYS in the environment), each optionally followed"
                    + " by its rights: KEY [topics=<regex>] [groups=<regex>] [admin]. Never logged.");

    public static final ConfigKey API_KEYS_FILE = ConfigKey.of("pinpipe.api.keys.file", null,
            "A file with accepted API keys, one per line as in pinpipe.api.keys ('#' starts a comment).");

    public static final ConfigKey SSL_KEYSTORE_LOCATION = ConfigKey.of("ssl.keystore.location", null,
            "TLS for an https:// listener: the keystore (JKS or PKCS12) holding the server key and certificate.");

    public static final ConfigKey SSL_KEYSTORE_PASSWORD = ConfigKey.secret("ssl.keystore.password",
            "The keystore password. Never logged.");

    public static final ConfigKey SSL_KEYSTORE_TYPE = new ConfigKey("ssl.keystore.type", "JKS",
            "The keystore type.", false, value -> value.equalsIgnoreCase("JKS") || value.equalsIgnoreCase("PKCS12"),
            "JKS or PKCS12");

    public static final ConfigKey SSL_PEM_CERT = ConfigKey.of("pinpipe.ssl.pem.cert.location", null,
            "TLS from PEM files instead of a keystore: the certificate chain.");

    public static final ConfigKey SSL_PEM_KEY = ConfigKey.of("pinpipe.ssl.pem.key.location", null,
            "TLS from PEM files: the private key (PKCS#8 or PKCS#1).");

    public static final ConfigKey RATE_LIMIT = nonNegative("pinpipe.rate.limit.per.second", 10_000,
            "Requests per second allowed per API key (per client IP when keys are off); 0 turns limits off.");

    public static final ConfigKey RATE_BURST = ConfigKey.positiveInt("pinpipe.rate.limit.burst", 5_000,
            "Requests a client may send at once above the steady rate.");

    public static final ConfigKey REQUEST_MAX_BYTES = ConfigKey.positiveInt("pinpipe.request.max.bytes", 10_485_760,
            "Largest request body in bytes (413 above it); API Gateway's own limit is 10 MB.");

    public static final ConfigKey TOPICS_REGEX = ConfigKey.regex("pinpipe.topics.regex", ".*",
            "Topics the API may touch (a Java regex matching the whole name); others answer 403/40301.");

    public static final ConfigKey MAX_INFLIGHT = ConfigKey.positiveInt("pinpipe.max.inflight.requests", 1024,
            "Produce requests handled at once; more answer 503/50303 with Retry-After.");

    public static final ConfigKey PRODUCE_TIMEOUT_MS = ConfigKey.positiveInt("pinpipe.produce.timeout.ms", 12_000,
            "Longest wait for Kafka's acknowledgement before a request answers 503 (the records may still arrive:"
                    + " a client that retries can duplicate, never lose). Keep it above producer.delivery.timeout.ms.");

    public static final ConfigKey PRODUCE_THREADS = ConfigKey.positiveInt("pinpipe.produce.threads", 2,
            "Threads that hand records to the Kafka producer, so no event-loop thread ever blocks on Kafka.");

    public static final ConfigKey TOPIC_CACHE_REFRESH_MS = ConfigKey.positiveInt("pinpipe.topic.cache.refresh.ms",
            2_000, "How often the cache of existing topics is refreshed from the cluster.");

    public static final ConfigKey RETRY_AFTER_SECONDS = ConfigKey.positiveInt("pinpipe.retry.after.seconds", 1,
            "The Retry-After value sent with 429 and 503 answers.");

    public static final ConfigKey JSON_MAX_DEPTH = ConfigKey.positiveInt("pinpipe.json.max.nesting.depth", 64,
            "Deepest JSON nesting accepted in a request body (deeper answers 400).");

    public static final ConfigKey LISTEN_WITHOUT_API_KEYS = ConfigKey.bool("pinpipe.listen.without.api.keys", false,
            "Allow a listener beyond loopback (e.g. 0.0.0.0) with API keys off; without it such a gateway refuses to"
                    + " start, because anyone who reaches the port could write, read and administer. A warning is"
                    + " logged when it is on.");

    public static final ConfigKey CONSUMER_GROUPS_REGEX = ConfigKey.regex("pinpipe.consumer.groups.regex",
            "(?!connect-)(?!spark-kafka-)(?!pinpipe-connect)(?!_).+",
            "Consumer groups the consumer API may join (a Java regex matching the whole name); others answer"
                    + " 403/40304. The default keeps clients out of Kafka Connect's (connect-*, the deploy example's"
                    + " worker group pinpipe-connect) and Spark's (spark-kafka-*) groups.");

    public static final ConfigKey STREAMS_ADMIN = new ConfigKey("pinpipe.streams.admin", "auto",
            "Whether topics may be administered: POST and DELETE /streams/{stream}, and v3's topic create, delete"
                    + " and partition count update. auto allows them on a loopback listener only, on and off decide"
                    + " outright. With API keys on, the key also needs the admin right.", false,
            value -> List.of("auto", "on", "off").contains(value.trim().toLowerCase(Locale.ROOT)), "auto, on or off");

    public static final ConfigKey PRODUCE_MAX_RECORDS = ConfigKey.positiveInt("pinpipe.produce.max.records", 10_000,
            "Most records in one v2 or v3 produce request (413/41301 above it); the Confluent REST Proxy's own cap.");

    public static final ConfigKey INFLIGHT_MAX_BYTES = ConfigKey.positiveInt("pinpipe.inflight.max.bytes",
            268_435_456, "Memory budget for requests in flight: their bodies and an estimate of their parsed JSON."
                    + " A request that would exceed it answers 503/50304 with Retry-After; one larger than the whole"
                    + " budget 413/41302.");

    public static final ConfigKey REQUEST_READ_TIMEOUT_MS = ConfigKey.positiveInt("pinpipe.request.read.timeout.ms",
            30_000, "Longest time a request body may take to arrive; a slower one answers 408/40801 and its"
                    + " connection is closed.");

    public static final ConfigKey IDLE_TIMEOUT_SECONDS = ConfigKey.positiveInt("pinpipe.idle.timeout.seconds", 30,
            "A connection with nothing read or written for this long is closed; a consumer's records read waits at"
                    + " most half of it.");

    public static final ConfigKey MAX_CONNECTIONS = ConfigKey.positiveInt("pinpipe.max.connections", 1_000,
            "Most open client connections; one more is closed at once.");

    public static final ConfigKey ACCESS_LOG = ConfigKey.bool("pinpipe.access.log.enabled", true,
            "Log one line per request (method, path, status, bytes, ms; never keys or auth headers).");

    /** Every declared key, in the order of the docs table. */
    public static final List<ConfigKey> ALL = List.of(LISTENERS, BOOTSTRAP_SERVERS, STAGES, CORS_ORIGIN,
            CORS_METHODS, CORS_HEADERS, API_KEYS_ENABLED, API_KEYS, API_KEYS_FILE, SSL_KEYSTORE_LOCATION,
            SSL_KEYSTORE_PASSWORD, SSL_KEYSTORE_TYPE, SSL_PEM_CERT, SSL_PEM_KEY, RATE_LIMIT, RATE_BURST,
            REQUEST_MAX_BYTES, TOPICS_REGEX, MAX_INFLIGHT, PRODUCE_TIMEOUT_MS, PRODUCE_THREADS, TOPIC_CACHE_REFRESH_MS,
            RETRY_AFTER_SECONDS, JSON_MAX_DEPTH, ACCESS_LOG, LISTEN_WITHOUT_API_KEYS, CONSUMER_GROUPS_REGEX,
            STREAMS_ADMIN, PRODUCE_MAX_RECORDS, INFLIGHT_MAX_BYTES, REQUEST_READ_TIMEOUT_MS, IDLE_TIMEOUT_SECONDS,
            MAX_CONNECTIONS);

    private GatewayKeys() {
    }

    private static ConfigKey nonNegative(String name, int defaultValue, String doc) {
        return new ConfigKey(name, Integer.toString(defaultValue), doc, false, value -> {
            try {
                return Integer.parseInt(value.trim()) >= 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }, "a whole number of at least 0");
    }

    private static boolean isListener(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return lower.matches("https?://[^,/:]+:\\d{1,5}/?");
    }

    private static boolean isStageList(String value) {
        return value.isBlank() || value.trim().matches("[A-Za-z0-9_-]+(\\s*,\\s*[A-Za-z0-9_-]+)*");
    }

}
