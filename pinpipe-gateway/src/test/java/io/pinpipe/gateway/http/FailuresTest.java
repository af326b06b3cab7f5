package io.pinpipe.gateway.http;

import io.pinpipe.gateway.kafka.BrokerUnavailableException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    private static void assertAnswer(Throwable failure, int status, int errorCode, boolean retriable) {
        RestException answer = Failures.classify(failure);
        assertThat(answer.status()).as("status of %s", failure).isEqualTo(status);
        assertThat(answer.errorCode()).as("code of %s", failure).isEqualTo(errorCode);
        assertThat(Failures.retriable(answer)).as("retriable %s", failure).isEqualTo(retriable);
    }

    @Test
    void kafkaFailuresGetConfluentsCodesByType() {
        assertAnswer(new BrokerUnavailableException("down"), 503, 50302, true);
        assertAnswer(new TimeoutException("slow"), 503, 50003, true);
        assertAnswer(new NotEnoughReplicasException("isr"), 503, 50003, true);
        assertAnswer(new SaslAuthenticationException("bad password"), 401, 40101, false);
        assertAnswer(new TopicAuthorizationException(Set.of("t")), 403, 40302, false);
        assertAnswer(new UnknownTopicOrPartitionException("t"), 404, 40401, false);
        assertAnswer(new RecordTooLargeException("big"), 413, 41303, false);
        assertAnswer(new InvalidTopicException("bad name"), 400, 40002, false);
        assertAnswer(new PolicyViolationException("policy"), 400, 40002, false);
        assertAnswer(new SerializationException("bytes"), 500, 50002, false);
        assertAnswer(new KafkaException("other"), 500, 50002, false);
    }

    @Test
    void only503IsRetriable() {
        assertThat(Failures.retriable(new RestException(503, ErrorCodes.OVERLOADED, "busy"))).isTrue();
        assertThat(Failures.retriable(new RestException(500, ErrorCodes.KAFKA_ERROR, "no"))).isFalse();
    }

    @Test
    void futureWrappersAreTakenOffOnce() {
        Throwable wrapped = new CompletionException(new ExecutionException(new TimeoutException("slow")));
        assertThat(Failures.unwrap(wrapped)).isInstanceOf(TimeoutException.class);
        assertAnswer(wrapped, 503, 50003, true);
    }

    @Test
    void anAnswerStaysTheAnswerAndAnythingElseIsAnUnexpected500WithoutInternals() {
        RestException given = new RestException(422, 422, "bad");
        assertThat(Failures.classify(new CompletionException(given))).isSameAs(given);
        RestException bug = Failures.classify(new NullPointerException("secret internals"));
        assertThat(bug.status()).isEqualTo(500);
        assertThat(bug.errorCode()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
        assertThat(bug.getMessage()).doesNotContain("internals");
        assertThat(Failures.classify(new KafkaException("k")).errorCode()).isEqualTo(ErrorCodes.KAFKA_ERROR);
    }
}
