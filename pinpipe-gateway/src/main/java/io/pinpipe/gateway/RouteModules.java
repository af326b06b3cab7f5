package io.pinpipe.gateway;

import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.consumer.ConsumerRoutes;
import io.pinpipe.gateway.consumer.ConsumerSettings;
import io.pinpipe.gateway.http.RouteModule;
import io.pinpipe.gateway.streams.StreamsRoutes;
import io.pinpipe.gateway.streams.StreamsSettings;
import io.pinpipe.gateway.v2.MetadataRoutes;
import io.pinpipe.gateway.v2.ProduceV2Routes;
import io.pinpipe.gateway.v3.AclRoutes;
import io.pinpipe.gateway.v3.ClusterRoutes;
import io.pinpipe.gateway.v3.ConsumerGroupRoutes;
import io.pinpipe.gateway.v3.PartitionRoutes;
import io.pinpipe.gateway.v3.TopicRoutes;
import io.pinpipe.gateway.v3.V3Routes;

import java.util.List;

/**
 * The API route modules the gateway mounts, in one explicit list. Each gets the stage prefixes, CORS, API keys,
 * rate limits, the body limit and the one failure handler. Add a module with one line here.
 */
public final class RouteModules {

    private RouteModules() {
    }

    public static List<RouteModule> all(GatewayConfig config) {
        return List.of(
                new ProduceV2Routes(),
                new MetadataRoutes(),
                new V3Routes(),
                new ClusterRoutes(),
                new TopicRoutes(),
                new PartitionRoutes(),
                new ConsumerGroupRoutes(),
                new AclRoutes(),
                new ConsumerRoutes(ConsumerSettings.from(config.settings())),
                new StreamsRoutes(StreamsSettings.from(config.settings())));
    }
}
