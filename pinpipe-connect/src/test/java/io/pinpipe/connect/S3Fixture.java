package io.pinpipe.connect;

import io.pinpipe.connect.store.S3Store;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A real S3-compatible server on loopback (S3Proxy, in-memory blob store, port 0) with one bucket, and an AWS SDK
 * client for it. The server can be stopped and started again on the same port, as an outage.
 */
final class S3Fixture implements AutoCloseable {

    static final String BUCKET = "user-pinpipe-bucket";
    /** Test-only keys for the loopback server, handed to child workers through their environment. */
    static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "local-test",
            "AWS_SECRET_ACCESS_KEY", "local-test-secret");

    private final BlobStoreContext blobs;
    private S3Proxy proxy;
    private final int port;
    final S3Client client;

    S3Fixture() throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        proxy = startProxy(0);
        port = proxy.getPort();
        System.setProperty("aws.accessKeyId", CREDENTIALS.get("AWS_ACCESS_KEY_ID"));
        System.setProperty("aws.secretAccessKey", CREDENTIALS.get("AWS_SECRET_ACCESS_KEY"));
        client = newClient();
        client.createBucket(request -> request.bucket(BUCKET));
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A client of its own, as another worker would have. */
    S3Client newClient() {
        return S3Store.client("us-east-1", endpoint(), true);
    }

    /** An outage: the server stops answering; {@link #start} brings it back with the same objects. */
    void stop() throws Exception {
        proxy.stop();
    }

    void start() throws Exception {
        proxy = startProxy(port);
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        blobs.close();
    }

    private S3Proxy startProxy(int onPort) throws Exception {
        S3Proxy started = S3Proxy.builder().blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + onPort)).build();
        started.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(started.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + started.getState());
            }
            Thread.sleep(20);
        }
        return started;
    }
}
