package io.pinpipe.cli.live;

import io.pinpipe.cli.connect.ConnectSettings;
import io.pinpipe.cli.connect.LakeLocation;
import io.pinpipe.cli.schedule.RunHistory;
import io.pinpipe.common.DataFolder;
import io.pinpipe.common.Settings;
import io.pinpipe.common.Topics;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The live page on the gateway's port: {@code GET /ui} (the page, its script and style, all inside the jar and
 * holding no data, so they answer without an API key), {@code GET /ui/api/pipeline} (the snapshot) and
 * {@code GET /ui/api/report} (the latest report.html), both behind the API keys like every other API route. The snapshot is refreshed every {@link #REFRESH} on the watch's own thread.
 */
public final class LiveRoutes implements RouteModule {

    public static final String PAGE = "/ui";
    public static final String API = "/ui/api/pipeline";
    /** The batch job's latest report.html: its answers are data, so it is behind the keys like the JSON. */
    public static final String REPORT = "/ui/api/report";
    static final Duration REFRESH = Duration.ofSeconds(2);

    private static final String RESOURCES = "/io/pinpipe/cli/live/ui/";
    /** The page may load only what the gateway serves itself: no CDN, no inline script, nothing framed. */
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
    private static final Map<String, String> ASSETS = Map.of("app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private final Topics topics;
    private final String sinkName;
    private final Supplier<String> sinkState;
    private final PipelineProbe.Places places;
    private final String lake;
    private PipelineWatch watch;

    private LiveRoutes(Topics topics, String sinkName, Supplier<String> sinkState, PipelineProbe.Places places,
                       String lake) {
        this.topics = topics;
        this.sinkName = sinkName;
        this.sinkState = sinkState;
        this.places = places;
        this.lake = lake;
    }

    /**
     * The live page of the stack in {@code dataFolder}: its lake where the lake sink's settings put it, its
     * warehouses, stream checkpoint, run history and report where the data folder keeps them.
     *
     * @param settings  the stack's settings, with the {@code connect.*} ones
     * @param sinkState the lake connector's state now ({@code RUNNING}, {@code FAILED}..., {@code DOWN})
     */
    public static LiveRoutes forStack(DataFolder dataFolder, Settings settings, Supplier<String> sinkState) {
        LakeLocation location = LakeLocation.of(dataFolder, settings);
        PipelineProbe.Places places = new PipelineProbe.Places(
                location.folder().map(folder -> new LakeTally(folder, location.layout())),
                new DeltaTally(dataFolder.warehouse()), new DeltaTally(dataFolder.streamWarehouse()),
                dataFolder.streamCheckpoints(), RunHistory.in(dataFolder), dataFolder.report());
        return new LiveRoutes(new Topics(settings.get(ConnectSettings.USER_ID)), settings.get(ConnectSettings.NAME),
                sinkState, places, location.root());
    }

    @Override
    public void mountOpen(Router root, GatewayContext context) {
        Buffer page = resource("index.html");
        root.get(PAGE).handler(routing -> routing.response().putHeader("content-type", "text/html; charset=utf-8")
                .putHeader("content-security-policy", POLICY).end(page));
        ASSETS.forEach((name, type) -> {
            Buffer asset = resource(name);
            root.get(PAGE + "/" + name).handler(routing -> routing.response().putHeader("content-type", type)
                    .end(asset));
        });
    }

    @Override
    public void mount(Router router, GatewayContext context) {
        PipelineProbe probe = new PipelineProbe(context.admin(), context.metrics(), topics, sinkName, sinkState,
                places, Clock.systemUTC());
        watch = new PipelineWatch(probe, new PipelineBooks.Pipeline(topics, sinkName, lake,
                places.streamCheckpoint().toString())).start(REFRESH);
        router.get(API).handler(routing -> routing.response().putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store").end(Buffer.buffer(watch.latest())));
        String report = places.report().toString();
        router.get(REPORT).handler(routing -> context.vertx().fileSystem().exists(report).onComplete(exists -> {
            if (exists.succeeded() && exists.result()) {
                routing.response().putHeader("content-type", "text/html; charset=utf-8")
                        .putHeader("cache-control", "no-store").sendFile(report);
            } else {
                routing.fail(new RestException(404, 404, "no report.html yet: run pinpipe batch"));
            }
        }));
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }

    private static Buffer resource(String name) {
        try (InputStream in = LiveRoutes.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the live page's " + name + " is missing from the jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the live page's " + name, e);
        }
    }
}
