/**
 * The posting emulator: the course's {@code user_posting_emulation.py} as a load tool. Python-compatible draws
 * ({@link io.pinpipe.emulator.post.CourseDraws}), the exact REST Proxy v2 and streams API requests
 * ({@link io.pinpipe.emulator.post.GatewayRequests}), per-record acknowledgement
 * ({@link io.pinpipe.emulator.post.ResponseReader}), retries of only what failed, and failover over several gateways
 * that never sends a record twice when its answer was lost ({@link io.pinpipe.emulator.post.Delivery}). Talks HTTP
 * with the JDK client; never imports the gateway.
 */
package io.pinpipe.emulator.post;
