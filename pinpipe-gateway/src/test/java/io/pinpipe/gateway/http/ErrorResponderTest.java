package io.pinpipe.gateway.http;

import io.vertx.core.VertxException;
import io.vertx.ext.web.handler.HttpException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponderTest {

    @Test
    void aVertxRefusalWithAClientStatusKeepsItInsteadOfBecomingA500() {
        // Vert.x's CorsHandler fails a request from a foreign Origin with 403 and a plain VertxException.
        RestException answer = ErrorResponder.toRestException(new VertxException("CORS Rejected - Invalid origin"),
                403);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.errorCode()).isEqualTo(403);
    }

    @Test
    void bareStatusesAndHttpExceptionsKeepTheirStatus() {
        assertThat(ErrorResponder.toRestException(null, 404).status()).isEqualTo(404);
        assertThat(ErrorResponder.toRestException(new HttpException(413), -1).errorCode()).isEqualTo(413);
    }

    @Test
    void aBugWithoutAClientStatusIsA500WithoutInternals() {
        RestException answer = ErrorResponder.toRestException(new IllegalStateException("internal detail"), -1);
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.getMessage()).doesNotContain("internal detail");
    }
}
