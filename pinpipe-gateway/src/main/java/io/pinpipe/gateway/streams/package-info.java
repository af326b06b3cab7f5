/**
 * The streams API: the Kinesis-style calls the course puts behind API Gateway (list, create, describe and delete
 * streams; put one record or many), served from Kafka topics. A stream is a topic whose name matches
 * {@code streams.topic.pattern}; a shard is a partition; a sequence number is an offset.
 *
 * <p>{@link io.pinpipe.gateway.streams.StreamsRoutes} is the route module. Nothing here blocks an event loop: topic
 * lookups use the admin client's futures and sends run on worker threads; a record is acknowledged only after Kafka
 * acknowledged it. This package may use the gateway's context and error type, never the other route modules.
 */
package io.pinpipe.gateway.streams;
