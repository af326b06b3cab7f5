package io.pinpipe.emulator.post;

/** Which API of the gateway the emulator posts to. */
public enum Mode {
    /** Confluent REST Proxy v2: {@code POST /topics/<id>.pin}, as the course's batch emulator does. */
    BATCH,
    /** The Kinesis-style streams API: {@code PUT /streams/streaming-<id>-pin/record(s)}. */
    STREAM
}
