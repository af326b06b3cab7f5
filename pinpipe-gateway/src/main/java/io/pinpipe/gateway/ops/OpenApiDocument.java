package io.pinpipe.gateway.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpipe.gateway.http.Json;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the OpenAPI 3 document of {@link ApiRoutes#ALL}, with the stage prefixes as servers. */
public final class OpenApiDocument {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> INTEGER_PARAMETERS = Set.of("partition", "partition_id", "broker_id");

    private OpenApiDocument() {
    }

    public static ObjectNode build(String version, List<String> stages) {
        ObjectNode document = Json.object();
        document.put("openapi", "3.0.3");
        ObjectNode info = document.putObject("info");
        info.put("title", "pinpipe gateway");
        info.put("version", version);
        info.put("description", "Confluent REST Proxy v2/v3 compatible produce and metadata API, the v2 consumer API"
                + " and a Kinesis-style streams API in front of Kafka. Errors: {\"error_code\", \"message\"}.");
        ArrayNode servers = document.putArray("servers");
        servers.addObject().put("url", "/");
        stages.forEach(stage -> servers.addObject().put("url", "/" + stage));
        ObjectNode paths = document.putObject("paths");
        for (ApiRoutes.ApiRoute route : ApiRoutes.ALL) {
            ObjectNode path = paths.has(route.path()) ? (ObjectNode) paths.get(route.path())
                    : paths.putObject(route.path());
            ObjectNode operation = path.putObject(route.method().toLowerCase(java.util.Locale.ROOT));
            operation.putArray("tags").add(route.tag());
            operation.put("summary", route.summary());
            ArrayNode parameters = operation.putArray("parameters");
            Matcher matcher = PARAMETER.matcher(route.path());
            while (matcher.find()) {
                ObjectNode parameter = parameters.addObject();
                parameter.put("name", matcher.group(1));
                parameter.put("in", "path");
                parameter.put("required", true);
                parameter.putObject("schema").put("type", INTEGER_PARAMETERS.contains(matcher.group(1)) ? "integer"
                        : "string");
            }
            ObjectNode responses = operation.putObject("responses");
            responses.putObject("200").put("description", "Success");
            responses.putObject("default").put("description", "Error envelope {error_code, message}");
        }
        return document;
    }
}
