package io.pinpipe.gateway.streams;

/** One record to put: the Kafka key (the partition key in UTF-8) and value (the decoded {@code Data}). */
record StreamRecord(byte[] key, byte[] value) {
}
