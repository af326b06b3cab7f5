package io.pinpipe.gateway.v3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.GatewayContext;
import io.pinpipe.gateway.http.Async;
import io.pinpipe.gateway.http.RestException;
import io.pinpipe.gateway.http.RouteModule;
import io.pinpipe.gateway.kafka.AdminFutures;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * REST Proxy v3 ACL search, read-only: {@code GET /v3/clusters/{id}/acls} with Confluent's query filters
 * ({@code resource_type}, {@code resource_name}, {@code pattern_type}, {@code principal}, {@code host},
 * {@code operation}, {@code permission}; a missing one matches any). A cluster without an authorizer has no ACLs:
 * the answer is an empty list (Kafka's {@code SecurityDisabledException} is not an error a reader can act on).
 * Creating and deleting ACLs is not served: the gateway does not administer the cluster's security.
 */
public final class AclRoutes implements RouteModule {

    private static final List<String> FILTERS = List.of("resource_type", "resource_name", "pattern_type",
            "principal", "host", "operation", "permission");

    @Override
    public void mount(Router router, GatewayContext context) {
        router.get("/v3/clusters/:cluster_id/acls").handler(routing -> search(routing, context));
    }

    private static void search(RoutingContext routing, GatewayContext context) {
        V3Resources cluster = V3Resources.of(routing, context);
        for (String name : routing.queryParams().names()) {
            if (!FILTERS.contains(name)) {
                throw new RestException(400, 400, "unknown ACL filter '" + name + "'; expected one of " + FILTERS);
            }
        }
        ResourceType resourceType = value(routing, "resource_type", ResourceType::fromString, ResourceType.ANY,
                ResourceType.UNKNOWN);
        PatternType patternType = value(routing, "pattern_type", PatternType::fromString, PatternType.ANY,
                PatternType.UNKNOWN);
        AclOperation operation = value(routing, "operation", AclOperation::fromString, AclOperation.ANY,
                AclOperation.UNKNOWN);
        AclPermissionType permission = value(routing, "permission", AclPermissionType::fromString,
                AclPermissionType.ANY, AclPermissionType.UNKNOWN);
        AclBindingFilter filter = new AclBindingFilter(
                new ResourcePatternFilter(resourceType, routing.queryParams().get("resource_name"), patternType),
                new AccessControlEntryFilter(routing.queryParams().get("principal"),
                        routing.queryParams().get("host"), operation, permission));
        var bindings = AdminFutures.recover(context.admin().describeAcls(filter).values().toCompletionStage(),
                SecurityDisabledException.class, noAuthorizer -> List.<AclBinding>of());
        Async.then(routing, bindings, found -> {
            ObjectNode body = V3Resources.collection("KafkaAclList", cluster.url("acls")
                    + (routing.request().query() == null ? "" : "?" + routing.request().query()));
            ArrayNode data = V3Resources.data(body);
            found.forEach(binding -> data.add(acl(cluster, binding)));
            V3Resources.send(routing, context, body);
        });
    }

    /** One ACL; its {@code self} is the search that finds exactly it. */
    private static ObjectNode acl(V3Resources cluster, AclBinding binding) {
        List<String> values = List.of(binding.pattern().resourceType().name(), binding.pattern().name(),
                binding.pattern().patternType().name(), binding.entry().principal(), binding.entry().host(),
                binding.entry().operation().name(), binding.entry().permissionType().name());
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < FILTERS.size(); i++) {
            query.append(i == 0 ? '?' : '&').append(FILTERS.get(i)).append('=')
                    .append(URLEncoder.encode(values.get(i), StandardCharsets.UTF_8));
        }
        ObjectNode node = cluster.resource("KafkaAcl", cluster.url("acls") + query, null);
        for (int i = 0; i < FILTERS.size(); i++) {
            node.put(FILTERS.get(i), values.get(i));
        }
        return node;
    }

    /** A query filter Kafka knows by name (any case); a value it does not know is a 400 naming it. */
    private static <T> T value(RoutingContext routing, String name, Function<String, T> parse, T any, T unknown) {
        String text = routing.queryParams().get(name);
        if (text == null) {
            return any;
        }
        T value = parse.apply(text.toUpperCase(Locale.ROOT));
        if (value == unknown) {
            throw new RestException(400, 400, "ACL filter " + name + "='" + text + "' is not known to Kafka");
        }
        return value;
    }
}
