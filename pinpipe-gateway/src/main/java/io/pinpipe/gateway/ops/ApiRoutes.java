package io.pinpipe.gateway.ops;

import java.util.List;

/**
 * Every route of the gateway's API, the source of the OpenAPI document: the REST Proxy v2 and v3 routes, the v2
 * consumer API and the streams API (mounted by their own modules), and the operations routes. A test checks that
 * every route actually mounted on the server is listed here.
 */
public final class ApiRoutes {

    /** One operation: method, OpenAPI path template, tag and one-line summary. */
    public record ApiRoute(String method, String path, String tag, String summary) {
    }

    public static final List<ApiRoute> ALL = List.of(
            new ApiRoute("GET", "/topics", "v2", "List topic names"),
            new ApiRoute("GET", "/topics/{topic}", "v2", "Describe a topic: configs and partitions"),
            new ApiRoute("POST", "/topics/{topic}", "v2", "Produce records to a topic (json or binary)"),
            new ApiRoute("GET", "/topics/{topic}/partitions", "v2", "List a topic's partitions"),
            new ApiRoute("GET", "/topics/{topic}/partitions/{partition}", "v2", "Describe one partition"),
            new ApiRoute("POST", "/topics/{topic}/partitions/{partition}", "v2", "Produce records to one partition"),
            new ApiRoute("GET", "/topics/{topic}/partitions/{partition}/offsets", "v2",
                    "Beginning and end offsets of a partition"),
            new ApiRoute("GET", "/brokers", "v2", "List broker ids"),
            new ApiRoute("POST", "/consumers/{group}", "consumer", "Create a consumer instance in a group"),
            new ApiRoute("DELETE", "/consumers/{group}/instances/{instance}", "consumer",
                    "Delete a consumer instance"),
            new ApiRoute("POST", "/consumers/{group}/instances/{instance}/subscription", "consumer",
                    "Subscribe to topics or a topic pattern"),
            new ApiRoute("GET", "/consumers/{group}/instances/{instance}/subscription", "consumer",
                    "The current subscription"),
            new ApiRoute("DELETE", "/consumers/{group}/instances/{instance}/subscription", "consumer",
                    "Unsubscribe"),
            new ApiRoute("GET", "/consumers/{group}/instances/{instance}/records", "consumer", "Fetch records"),
            new ApiRoute("POST", "/consumers/{group}/instances/{instance}/offsets", "consumer", "Commit offsets"),
            new ApiRoute("GET", "/consumers/{group}/instances/{instance}/offsets", "consumer",
                    "Last committed offsets"),
            new ApiRoute("POST", "/consumers/{group}/instances/{instance}/assignments", "consumer",
                    "Assign partitions manually"),
            new ApiRoute("GET", "/consumers/{group}/instances/{instance}/assignments", "consumer",
                    "The current assignment"),
            new ApiRoute("POST", "/consumers/{group}/instances/{instance}/positions", "consumer",
                    "Seek to offsets"),
            new ApiRoute("POST", "/consumers/{group}/instances/{instance}/positions/beginning", "consumer",
                    "Seek to the beginning"),
            new ApiRoute("POST", "/consumers/{group}/instances/{instance}/positions/end", "consumer",
                    "Seek to the end"),
            new ApiRoute("GET", "/v3/clusters", "v3", "List clusters (the one this gateway serves)"),
            new ApiRoute("GET", "/v3/clusters/{cluster_id}", "v3", "Describe the cluster"),
            new ApiRoute("POST", "/v3/clusters/{cluster_id}/topics/{topic}/records", "v3",
                    "Produce one record or a stream of concatenated records"),
            new ApiRoute("GET", "/streams", "streams", "List streams"),
            new ApiRoute("POST", "/streams/{stream}", "streams", "Create a stream"),
            new ApiRoute("GET", "/streams/{stream}", "streams", "Describe a stream"),
            new ApiRoute("DELETE", "/streams/{stream}", "streams", "Delete a stream"),
            new ApiRoute("PUT", "/streams/{stream}/record", "streams",
                    "Put one record {StreamName, Data, PartitionKey}"),
            new ApiRoute("PUT", "/streams/{stream}/records", "streams", "Put many records"),
            new ApiRoute("GET", "/health", "operations", "Liveness: the process answers"),
            new ApiRoute("GET", "/health/ready", "operations", "Readiness: the Kafka cluster is reachable"),
            new ApiRoute("GET", "/metrics", "operations", "Prometheus metrics"),
            new ApiRoute("GET", "/openapi.json", "operations", "This document"));

    private ApiRoutes() {
    }
}
