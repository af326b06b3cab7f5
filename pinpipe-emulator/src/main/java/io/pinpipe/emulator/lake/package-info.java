/**
 * Generated lakes: the files the Kafka Connect lake sink would have landed for a run of the emulator over a
 * generated dataset, written straight to disk for benchmarks and tests of the batch job at any size.
 */
package io.pinpipe.emulator.lake;
