package io.pinpipe.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pinpipe.common.Redaction;
import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.config.GatewayKeys;
import io.pinpipe.gateway.front.AdminAccess;
import io.pinpipe.gateway.front.ApiKeyCheck;
import io.pinpipe.gateway.front.BodyIntake;
import io.pinpipe.gateway.front.GroupAccess;
import io.pinpipe.gateway.front.MemoryBudget;
import io.pinpipe.gateway.front.RateLimiter;
import io.pinpipe.gateway.front.TopicAccess;
import io.pinpipe.gateway.http.BodyLimit;
import io.pinpipe.gateway.http.ErrorResponder;
import io.pinpipe.gateway.http.Json;
import io.pinpipe.gateway.http.RouteModule;
import io.pinpipe.gateway.kafka.ClusterView;
import io.pinpipe.gateway.kafka.ProduceService;
import io.pinpipe.gateway.ops.GatewayMetrics;
import io.pinpipe.gateway.ops.OpenApiDocument;
import io.pinpipe.gateway.ops.Components;
import io.pinpipe.gateway.ops.OpsRoutes;
import io.pinpipe.gateway.ops.RequestObserver;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The running gateway: one Vert.x HTTP server (one instance per core, sharing the port) in front of one Kafka
 * producer and one Admin client. Start it with {@link #start(GatewayConfig)}; {@link #close()} stops taking requests,
 * lets the producer deliver what it holds, and releases everything.
 *
 * <pre>{@code
 * try (GatewayServer gateway = GatewayServer.start(GatewayConfig.load(file, System.getenv()))) {
 *     System.out.println(gateway.baseUri());
 * }
 * }</pre>
 */
public final class GatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Vertx vertx;
    private final GatewayContext context;
    private final List<RouteModule> modules;
    private final List<HttpServer> servers;
    private final URI baseUri;
    private final Components components;

    private GatewayServer(Vertx vertx, GatewayContext context, List<RouteModule> modules, List<HttpServer> servers,
                          URI baseUri, Components components) {
        this.vertx = vertx;
        this.context = context;
        this.modules = modules;
        this.servers = servers;
        this.baseUri = baseUri;
        this.components = components;
    }

    /** Starts the gateway with the standard route modules ({@link RouteModules#all}). */
    public static GatewayServer start(GatewayConfig config) {
        return start(config, RouteModules.all(config));
    }

    /** Starts the gateway with the given route modules, each behind the stage prefixes and the front checks. */
    public static GatewayServer start(GatewayConfig config, List<RouteModule> modules) {
        Vertx vertx = Vertx.vertx();
        Producer<byte[], byte[]> producer = null;
        Admin admin = null;
        ClusterView cluster = null;
        ProduceService produce = null;
        try {
            producer = new KafkaProducer<>(config.kafka().producer());
            admin = Admin.create(config.kafka().admin());
            cluster = new ClusterView(admin, config.getInt(GatewayKeys.TOPIC_CACHE_REFRESH_MS), System::nanoTime)
                    .start();
            produce = new ProduceService(producer, config.getInt(GatewayKeys.PRODUCE_THREADS),
                    config.getInt(GatewayKeys.MAX_INFLIGHT), config.getInt(GatewayKeys.PRODUCE_TIMEOUT_MS));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Json json = new Json(config.getInt(GatewayKeys.JSON_MAX_DEPTH));
            ErrorResponder errors = new ErrorResponder(json, config.getInt(GatewayKeys.RETRY_AFTER_SECONDS));
            GatewayContext context = new GatewayContext(vertx, producer, admin, config.kafka().consumer(), registry,
                    config, cluster, produce, new TopicAccess(config.topicsRegex()), json, errors,
                    new GroupAccess(config.consumerGroupsRegex()), adminAccess(config),
                    new MemoryBudget(config.getInt(GatewayKeys.INFLIGHT_MAX_BYTES)));
            GatewayMetrics metrics = new GatewayMetrics(registry, producer, produce);
            metrics.watch(context.memory());
            Components components = new Components();
            Router router = router(context, modules, metrics, registry, components);
            List<HttpServer> servers = listen(vertx, config, router);
            URI base = baseUri(config, servers.get(0).actualPort());
            LOG.info("gateway listening on {} (stages {}, API keys {}, Kafka {})", base, config.stages(),
                    config.apiKeysEnabled() ? "on" : "off", Redaction.text(config.bootstrapServers()));
            if (config.openToAnyone()) {
                LOG.warn("the gateway on {} is reachable beyond this machine and API keys are off ({}=true): anyone"
                        + " who reaches the port may write, read and administer", base,
                        GatewayKeys.LISTEN_WITHOUT_API_KEYS.name());
            }
            return new GatewayServer(vertx, context, modules, servers, base, components);
        } catch (RuntimeException e) {
            closeQuietly(produce, cluster, admin, producer);
            vertx.close();
            throw e;
        }
    }

    /** The port the server listens on (the chosen one when the listener asked for port 0). */
    public int port() {
        return baseUri.getPort();
    }

    /** {@code http://host:port} (no stage), e.g. for {@code pinpipe up} to print. */
    public URI baseUri() {
        return baseUri;
    }

    public GatewayContext context() {
        return context;
    }

    /** Where the owner of parts running beside the gateway reports their state for {@code /health}. */
    public Components components() {
        return components;
    }

    @Override
    public void close() {
        for (HttpServer server : servers) {
            await(server.close());
        }
        // Servers are closed: no new request can start. Modules release their consumers; whatever the producer
        // holds is delivered (or fails) now.
        modules.forEach(RouteModule::close);
        context.produce().close();
        context.producer().close(Duration.ofSeconds(10));
        context.cluster().close();
        context.admin().close(Duration.ofSeconds(5));
        await(vertx.close());
        LOG.info("gateway on {} stopped", baseUri);
    }

    private static Router router(GatewayContext context, List<RouteModule> modules, GatewayMetrics metrics,
                                 PrometheusMeterRegistry registry, Components components) {
        GatewayConfig config = context.config();
        Vertx vertx = context.vertx();
        Router root = Router.router(vertx);
        root.route().handler(new RequestObserver(metrics, config.getBoolean(GatewayKeys.ACCESS_LOG)));
        Cors.handler(config).ifPresent(cors -> root.route().handler(cors));
        new OpsRoutes(registry, context.json().buffer(OpenApiDocument.build(version(), config.stages())), components)
                .mount(root, context);
        modules.forEach(module -> module.mountOpen(root, context));

        Router api = Router.router(vertx);
        if (config.apiKeysEnabled()) {
            api.route().handler(new ApiKeyCheck(config.apiKeys()));
        }
        int rate = config.getInt(GatewayKeys.RATE_LIMIT);
        if (rate > 0) {
            api.route().handler(new RateLimiter(rate, config.getInt(GatewayKeys.RATE_BURST), System::nanoTime));
        }
        BodyIntake intake = new BodyIntake(context.memory(), config.getInt(GatewayKeys.REQUEST_READ_TIMEOUT_MS));
        for (RouteModule module : modules) {
            module.bodyLimits().forEach((path, limit) -> receiveBodies(() -> api.route(path), intake, limit));
        }
        receiveBodies(api::route, intake, new BodyLimit(config.getInt(GatewayKeys.REQUEST_MAX_BYTES),
                GatewayKeys.REQUEST_MAX_BYTES.name()));
        modules.forEach(module -> module.mount(api, context));
        api.route().failureHandler(context.errors());

        for (String stage : config.stages()) {
            root.route("/" + stage + "/*").subRouter(api);
        }
        root.route("/*").subRouter(api);
        root.route().failureHandler(context.errors());
        for (int status : new int[] {404, 405, 413, 400}) {
            root.errorHandler(status, routing -> context.errors().respond(routing,
                    ErrorResponder.forRequest(routing, status)));
        }
        root.errorHandler(500, routing -> context.errors().respond(routing,
                ErrorResponder.toRestException(routing.failure(), 500)));
        return root;
    }

    /**
     * The body handler with its limit, between the admission and the charge of the memory budget. The first matching
     * route reads the body; the catch-all one then passes the request on untouched.
     */
    private static void receiveBodies(Supplier<Route> route, BodyIntake intake, BodyLimit limit) {
        // Three routes, not one: Vert.x wants a body handler first on its route.
        route.get().handler(intake.admit(limit));
        // Preallocated from Content-Length: a body takes the bytes that were reserved for it, not a doubling buffer.
        route.get().handler(BodyHandler.create(false).setBodyLimit(limit.bytes()).setPreallocateBodyBuffer(true));
        route.get().handler(intake.charge());
    }

    private static AdminAccess adminAccess(GatewayConfig config) {
        return new AdminAccess(config.streamsAdminEnabled(), GatewayKeys.STREAMS_ADMIN.name() + " = "
                + config.get(GatewayKeys.STREAMS_ADMIN).trim() + ", listener " + config.listener());
    }

    /**
     * One server per core, each on its own event loop, all on one port (0 = one free port they share). Deployed as
     * instances of one verticle, which is how Vert.x shares a port between event loops.
     */
    private static List<HttpServer> listen(Vertx vertx, GatewayConfig config, Router router) {
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        HttpServerOptions options = Tls.serverOptions(config)
                .setIdleTimeout(config.getInt(GatewayKeys.IDLE_TIMEOUT_SECONDS)).setIdleTimeoutUnit(TimeUnit.SECONDS);
        ConnectionCap cap = new ConnectionCap(config.getInt(GatewayKeys.MAX_CONNECTIONS));
        String host = config.listener().getHost();
        List<HttpServer> servers = new CopyOnWriteArrayList<>();
        // Vert.x shares one random port between instances listening on the same negative port; 0 would give each its own.
        int port = config.listener().getPort() == 0 ? -1 : config.listener().getPort();
        await(vertx.deployVerticle(() -> new ServerVerticle(options, router, cap, host, port, servers),
                new DeploymentOptions().setInstances(instances)));
        if (servers.stream().mapToInt(HttpServer::actualPort).distinct().count() != 1) {
            throw new IllegalStateException("the gateway's server instances did not share one port: " + servers
                    .stream().map(HttpServer::actualPort).toList());
        }
        return List.copyOf(servers);
    }

    /** One HTTP server on its verticle's event loop. */
    private static final class ServerVerticle extends VerticleBase {
        private final HttpServerOptions options;
        private final Router router;
        private final ConnectionCap cap;
        private final String host;
        private final int port;
        private final List<HttpServer> started;

        ServerVerticle(HttpServerOptions options, Router router, ConnectionCap cap, String host, int port,
                       List<HttpServer> started) {
            this.options = options;
            this.router = router;
            this.cap = cap;
            this.host = host;
            this.port = port;
            this.started = started;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(options).connectionHandler(cap).requestHandler(router).listen(port, host)
                    .onSuccess(started::add);
        }
    }

    private static URI baseUri(GatewayConfig config, int port) {
        String host = config.listener().getHost();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return URI.create(config.listener().getScheme() + "://" + host + ":" + port);
    }

    private static String version() {
        String version = GatewayServer.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("gateway server: " + cause.getMessage(), cause);
        }
    }

    private static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.getMessage());
                }
            }
        }
    }
}
