package io.pinpipe.gateway;

import io.pinpipe.gateway.config.GatewayConfig;
import io.pinpipe.gateway.config.GatewayKeys;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;

/** HTTP server options, with TLS from a keystore or PEM files when the listener is https://. */
final class Tls {

    private Tls() {
    }

    static HttpServerOptions serverOptions(GatewayConfig config) {
        HttpServerOptions options = new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(120)
                .setReuseAddress(true);
        if (!config.tls()) {
            return options;
        }
        options.setSsl(true);
        if (config.find(GatewayKeys.SSL_PEM_CERT).isPresent()) {
            return options.setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(config.get(GatewayKeys.SSL_PEM_CERT)).setKeyPath(config.get(GatewayKeys.SSL_PEM_KEY)));
        }
        String location = config.get(GatewayKeys.SSL_KEYSTORE_LOCATION);
        String password = config.find(GatewayKeys.SSL_KEYSTORE_PASSWORD).orElse(null);
        if ("PKCS12".equalsIgnoreCase(config.get(GatewayKeys.SSL_KEYSTORE_TYPE))) {
            return options.setKeyCertOptions(new PfxOptions().setPath(location).setPassword(password));
        }
        return options.setKeyCertOptions(new JksOptions().setPath(location).setPassword(password));
    }
}
