package io.pinpipe.gateway.config;

import io.pinpipe.common.DocsTable;
import io.pinpipe.gateway.consumer.ConsumerSettings;
import io.pinpipe.gateway.streams.StreamsSettings;
import org.junit.jupiter.api.Test;

/**
 * Each settings table of the gateway's docs lists every declared key of its component with its real default, and no
 * key that does not exist: docs/gateway.md for {@link GatewayKeys}, docs/gateway-consumers-and-streams.md for
 * {@link ConsumerSettings} and {@link StreamsSettings}.
 */
class DocsTableTest {

    private static final String GATEWAY_HEADER = "| key | default | meaning | accepted values |";
    private static final String API_HEADER = "| key | default | meaning |";

    @Test
    void docsTableMatchesTheKeyDeclarations() throws Exception {
        DocsTable.assertMatches("docs/gateway.md", GATEWAY_HEADER, 1, GatewayKeys.ALL);
    }

    @Test
    void consumerSettingsTableMatchesTheKeyDeclarations() throws Exception {
        DocsTable.assertMatches("docs/gateway-consumers-and-streams.md", API_HEADER, 1, ConsumerSettings.KEYS);
    }

    @Test
    void streamsSettingsTableMatchesTheKeyDeclarations() throws Exception {
        DocsTable.assertMatches("docs/gateway-consumers-and-streams.md", API_HEADER, 2, StreamsSettings.KEYS);
    }
}
