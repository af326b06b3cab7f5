package io.pinpipe.connect.store;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A lake in an S3 bucket (AWS or any S3 API via {@code store.url}). An object becomes visible only when its single
 * PUT or its multipart upload completes, so readers never see a partial file; a failed multipart upload is aborted.
 * Credentials come from the AWS default chain (environment, system properties, profile, instance role) and are never
 * held in settings or printed.
 */
public final class S3Store implements ObjectStore {

    private static final int NOT_IMPLEMENTED = 501;

    private final S3Client client;
    private final String bucket;
    private final int partSize;

    public S3Store(S3Client client, String bucket, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    /**
     * A client for {@code region}, or for the endpoint {@code storeUrl} when it is not empty (path-style addressing
     * and checksums only where required, which S3-compatible servers expect).
     */
    public static S3Client client(String region, String storeUrl, boolean pathStyle) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (!storeUrl.isBlank()) {
            builder.endpointOverride(URI.create(storeUrl))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        } else if (pathStyle) {
            builder.forcePathStyle(true);
        }
        return builder.build();
    }

    @Override
    public void put(String name, ByteBuffer content) {
        int length = content.remaining();
        if (length <= partSize) {
            client.putObject(request -> request.bucket(bucket).key(name), RequestBody.fromByteBuffer(content));
            return;
        }
        String uploadId = client.createMultipartUpload(request -> request.bucket(bucket).key(name)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int base = content.position();
            for (int start = 0, number = 1; start < length; start += partSize, number++) {
                ByteBuffer part = content.slice(base + start, Math.min(length - start, partSize));
                int partNumber = number;
                String etag = client.uploadPart(request -> request.bucket(bucket).key(name).uploadId(uploadId)
                        .partNumber(partNumber), RequestBody.fromByteBuffer(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            client.completeMultipartUpload(request -> request.bucket(bucket).key(name).uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        } catch (RuntimeException e) {
            abortQuietly(name, uploadId, e);
            throw e;
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> names = new ArrayList<>();
        client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .forEach(names::add);
        return names;
    }

    /** Aborts incomplete multipart uploads of our names: one listing call per prefix, usually empty. */
    @Override
    public int removeIncomplete(String prefix, Predicate<String> ours) {
        List<MultipartUpload> leftovers = new ArrayList<>();
        try {
            client.listMultipartUploadsPaginator(request -> request.bucket(bucket).prefix(prefix)).uploads()
                    .stream()
                    .filter(upload -> ours.test(upload.key()))
                    .forEach(leftovers::add);
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_IMPLEMENTED) {
                // Some S3-compatible servers cannot list uploads; their leftovers only cost storage until a
                // bucket lifecycle rule (AbortIncompleteMultipartUpload) removes them.
                return 0;
            }
            throw e;
        }
        for (MultipartUpload upload : leftovers) {
            client.abortMultipartUpload(request -> request.bucket(bucket).key(upload.key())
                    .uploadId(upload.uploadId()));
        }
        return leftovers.size();
    }

    @Override
    public void delete(String name) {
        client.deleteObject(request -> request.bucket(bucket).key(name));
    }

    @Override
    public byte[] get(String name) {
        return client.getObjectAsBytes(request -> request.bucket(bucket).key(name)).asByteArray();
    }

    @Override
    public String describe() {
        return "s3://" + bucket;
    }

    @Override
    public void close() {
        client.close();
    }

    private void abortQuietly(String name, String uploadId, RuntimeException cause) {
        try {
            client.abortMultipartUpload(request -> request.bucket(bucket).key(name).uploadId(uploadId));
        } catch (RuntimeException abortFailure) {
            cause.addSuppressed(abortFailure);
        }
    }
}
