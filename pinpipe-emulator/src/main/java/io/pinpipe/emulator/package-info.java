/**
 * The source side of the pipeline: the dataset generator that imitates the course database, the readers of that
 * database (embedded H2 or any JDBC database with the three tables), and the posting emulator that draws rows and
 * sends them to the gateway over HTTP. Depends on {@code pinpipe-common} only; knows nothing of Kafka or Spark.
 */
package io.pinpipe.emulator;
