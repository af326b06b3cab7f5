/**
 * The lake sink: a Kafka Connect plugin ({@link io.pinpipe.connect.LakeSinkConnector},
 * {@link io.pinpipe.connect.LakeSinkTask}) that writes topics as JSON Lines files, laid out like the Confluent S3
 * sink, to a local folder or any S3 API, exactly once, and fenced: a task that lost a partition while stalled
 * never replaces what the partition's new owner wrote (a store never replaces a file), and stops publishing once the
 * owner claimed it or the partition was closed (a guard asked before each publish). Sub-packages hold what varies:
 * {@code store} (where files go, and the one classification of storage errors), {@code partition} (which folder a record goes to), {@code format}
 * (a record value as one line), and {@code worker} (a standalone Connect worker as a child JVM, for the CLI and
 * tests). Depends on pinpipe-common and Connect's public API only (provided by the worker); never on the gateway,
 * Spark or the CLI. Docs: {@code docs/lake-sink.md}.
 */
package io.pinpipe.connect;
