/**
 * The Confluent REST Proxy v2 consumer API: consumer instances in groups, subscriptions and assignments, offsets,
 * seeks and record reads in the {@code json} and {@code binary} embedded formats.
 *
 * <p>{@link io.pinpipe.gateway.consumer.ConsumerRoutes} is the route module; every Kafka consumer lives in a
 * {@link io.pinpipe.gateway.consumer.ConsumerInstance} that runs all of its calls on one thread of its own, never
 * on an event loop. This package may use the gateway's context and error type, never the other route modules.
 */
package io.pinpipe.gateway.consumer;
