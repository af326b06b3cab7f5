package io.pinpipe.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpipe.gateway.http.RouteModule;
import io.pinpipe.gateway.ops.ApiRoutes;
import io.vertx.ext.web.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.pinpipe.gateway.ProduceV2IT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The API Gateway part: CORS, API keys, rate limits, topic allow-list, TLS, and the operations routes. */
class FrontIT {

    private static final String JSON_V2 = "application/vnd.kafka.json.v2+json";
    private static final String ONE = "{\"records\":[{\"value\":1}]}";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static GatewayFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new GatewayFixture();
        fixture.createTopic("allowed.pin", 1);
        fixture.createTopic("secret", 1);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void corsPreflightAndResponsesCarryTheConfiguredOrigin() {
        fixture.startGateway(Map.of("access.control.allow.origin", "https://app.example"));
        HttpResponse<String> preflight = fixture.send(HttpRequest.newBuilder(fixture.uri("/test/topics/allowed.pin"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()), "Origin", "https://app.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,x-api-key");
        assertThat(preflight.statusCode()).isIn(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");

        HttpResponse<String> post = fixture.post("/test/topics/allowed.pin", JSON_V2, ONE, "Origin",
                "https://app.example");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");

        HttpResponse<String> foreign = fixture.post("/test/topics/allowed.pin", JSON_V2, ONE, "Origin",
                "https://evil.example");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void apiKeysRefuseMissingAndWrongKeysWith403() {
        fixture.startGateway(Map.of("pinpipe.api.keys.enabled", "true", "pinpipe.api.keys", "k-one, k-two"));
        assertError(fixture.post("/test/topics/allowed.pin", JSON_V2, ONE), 403, 403);
        assertError(fixture.post("/test/topics/allowed.pin", JSON_V2, ONE, "x-api-key", "wrong"), 403, 403);
        assertThat(fixture.post("/test/topics/allowed.pin", JSON_V2, ONE, "x-api-key", "k-two").statusCode())
                .isEqualTo(200);
        assertThat(fixture.get("/health").statusCode()).as("health needs no key").isEqualTo(200);
    }

    @Test
    void apiKeysFromAFileAreAccepted(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys"), "# team keys\nfile-key\n");
        fixture.startGateway(Map.of("pinpipe.api.keys.enabled", "true", "pinpipe.api.keys.file", keys.toString()));
        assertThat(fixture.get("/topics", "x-api-key", "file-key").statusCode()).isEqualTo(200);
        assertError(fixture.get("/topics"), 403, 403);
    }

    @Test
    void clientsOverTheRateLimitGet429WithRetryAfter() {
        fixture.startGateway(Map.of("pinpipe.rate.limit.per.second", "1", "pinpipe.rate.limit.burst", "3"));
        for (int i = 0; i < 3; i++) {
            assertThat(fixture.get("/topics").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = fixture.get("/topics");
        assertError(limited, 429, 42901);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void topicsOutsideTheAllowListAre40301AndHidden() throws Exception {
        fixture.startGateway(Map.of("pinpipe.topics.regex", "allowed\\..*"));
        assertError(fixture.post("/topics/secret", JSON_V2, ONE), 403, 40301);
        assertError(fixture.get("/topics/secret"), 403, 40301);
        assertThat(fixture.post("/topics/allowed.pin", JSON_V2, ONE).statusCode()).isEqualTo(200);
        List<String> names = MAPPER.readerForListOf(String.class).readValue(fixture.get("/topics").body());
        assertThat(names).contains("allowed.pin").doesNotContain("secret");
    }

    @Test
    void healthReadinessAndMetricsAnswer() {
        fixture.startGateway(Map.of());
        fixture.post("/topics/allowed.pin", JSON_V2, ONE);
        assertThat(fixture.get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = fixture.get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("cluster_id");
        String metrics = fixture.get("/metrics").body();
        assertThat(metrics).contains("pinpipe_gateway_requests_seconds_bucket", "pinpipe_gateway_records_total",
                "pinpipe_gateway_producer_buffer_available_bytes", "pinpipe_gateway_request_bytes");
        fixture.post("/topics/nothing", JSON_V2, ONE);
        assertThat(fixture.get("/metrics").body()).contains("pinpipe_gateway_errors_total{error_code=\"40401\"}");
    }

    @Test
    void openApiDocumentListsEveryMountedRoute() throws Exception {
        GatewayServer gateway = fixture.startGateway(Map.of());
        JsonNode document = MAPPER.readTree(fixture.get("/openapi.json").body());
        assertThat(document.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        ApiRoutes.ALL.forEach(route -> documented.add(route.method() + " " + route.path()));
        JsonNode paths = document.get("paths");
        ApiRoutes.ALL.forEach(route -> assertThat(paths.get(route.path()).has(route.method().toLowerCase()))
                .isTrue());
        Set<String> mounted = new HashSet<>();
        io.vertx.ext.web.Router probe = io.vertx.ext.web.Router.router(gateway.context().vertx());
        List<RouteModule> modules = RouteModules.all(gateway.context().config());
        modules.forEach(module -> module.mount(probe, gateway.context()));
        modules.forEach(RouteModule::close);
        for (Route route : probe.getRoutes()) {
            if (route.methods() == null || route.getPath() == null) {
                continue; // a body handler or other all-methods route, not an API operation
            }
            String path = route.getPath().replaceAll(":([A-Za-z_]+)", "{$1}");
            route.methods().forEach(method -> mounted.add(method.name() + " " + path));
        }
        assertThat(mounted).isNotEmpty();
        assertThat(documented).containsAll(mounted);
    }

    @Test
    void httpsListenerServesTlsFromAKeystore(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("gateway.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "gateway", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "test-pass", "-keypass", "test-pass").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        GatewayServer gateway = fixture.startGateway(Map.of("listeners", "https://127.0.0.1:0",
                "ssl.keystore.location", keystore.toString(), "ssl.keystore.password", "test-pass",
                "ssl.keystore.type", "PKCS12"));
        assertThat(gateway.baseUri().getScheme()).isEqualTo("https");
        assertThat(gateway.context().config().toString()).doesNotContain("test-pass");

        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, "test-pass".toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, factory.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(gateway.baseUri()
                        + "/test/topics/allowed.pin")).header("Content-Type", JSON_V2)
                .POST(HttpRequest.BodyPublishers.ofString(ONE)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        fixture.startGateway(Map.of());
    }
}
