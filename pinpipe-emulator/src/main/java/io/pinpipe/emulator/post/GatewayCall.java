package io.pinpipe.emulator.post;

import java.util.Map;

/**
 * One HTTP call to a gateway, independent of which gateway: the method, the path after the gateway's base URL, the
 * headers and the body bytes. {@link #toString()} never shows the headers, which may hold the API key.
 */
public record GatewayCall(String method, String path, Map<String, String> headers, byte[] body) {

    public GatewayCall {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return method + " " + path + " (" + body.length + " bytes)";
    }
}
