package io.pinpipe.connect.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * A lake in an S3 bucket (AWS or any S3 API via {@code store.url}). An object becomes visible only when its single
 * PUT or its multipart upload completes, so readers never see a partial file. Files above the part size are
 * multipart uploads, staged ({@link #stage}) so the next file's parts travel while the one before is published; a
 * failed or discarded multipart upload is aborted by
 * the writer that started it, and by no one else (another task's upload may still be live; a bucket lifecycle rule
 * {@code AbortIncompleteMultipartUpload} removes those a killed worker left). Objects are never replaced: with
 * conditional writes the PUT or the upload's completion carries {@code If-None-Match: *} and S3 refuses (412) when the
 * name exists; a store that ignores that header is asked whether the name exists just before writing, which leaves
 * a window of one request for a racing writer. A {@link PublishGuard} is asked just before the PUT, or before the
 * completion of a multipart upload. Credentials come from the AWS default chain (environment, system
 * properties, profile, instance role) and are never held in settings or printed.
 */
public final class S3Store implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);
    private static final int NOT_FOUND = 404;
    private static final int PRECONDITION_FAILED = 412;
    private static final String ANY_OBJECT = "*";

    private final S3Client client;
    private final String bucket;
    private final int partSize;
    /** The hidden object {@link #honoursIfNoneMatch} writes when {@link #conditionalWrites} is not known yet. */
    private final String probeKey;
    private volatile Boolean conditionalWrites;

    /** A store that sends {@code If-None-Match: *} when {@code conditionalWrites}, else checks for the name first. */
    public S3Store(S3Client client, String bucket, int partSize, boolean conditionalWrites) {
        this(client, bucket, partSize, conditionalWrites, null);
    }

    private S3Store(S3Client client, String bucket, int partSize, Boolean conditionalWrites, String probeKey) {
        this.client = client;
        this.bucket = bucket;
        this.partSize = partSize;
        this.conditionalWrites = conditionalWrites;
        this.probeKey = probeKey;
    }

    /**
     * A store that finds out on its first write whether the server honours {@code If-None-Match}, by writing
     * {@code probeKey} ({@link #honoursIfNoneMatch}); not when the task starts, so a store that is briefly down then
     * is retried like any write.
     */
    public static S3Store probing(S3Client client, String bucket, int partSize, String probeKey) {
        return new S3Store(client, bucket, partSize, null, probeKey);
    }

    /**
     * Whether the server refuses to overwrite an object under {@code If-None-Match: *}: writes {@code probeKey}
     * twice with the header (the second must be refused) and deletes it. AWS S3 does since 2024; S3Proxy 2.6 and
     * some other servers ignore the header and overwrite.
     */
    public static boolean honoursIfNoneMatch(S3Client client, String bucket, String probeKey) {
        try {
            for (int write = 0; write < 2; write++) {
                client.putObject(request -> request.bucket(bucket).key(probeKey).ifNoneMatch(ANY_OBJECT),
                        RequestBody.fromString("probe"));
            }
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                return true;
            }
            if (StorageErrors.isRetriable(e)) {
                throw e;
            }
            // Some servers refuse the header outright (400, 501): they cannot fence either.
            LOG.info("s3://{} refused a conditional write ({})", bucket, e.statusCode());
            return false;
        } finally {
            client.deleteObject(request -> request.bucket(bucket).key(probeKey));
        }
    }

    /**
     * A client for {@code region}, or for the endpoint {@code storeUrl} when it is not empty (path-style addressing
     * and checksums only where required, which S3-compatible servers expect). Uploads to an endpoint are sent as
     * plain bodies, not in {@code aws-chunked} encoding: S3Proxy decodes that byte by byte, which made its decoding
     * the largest cost of a lake file's upload (docs/lake-sink.md, "Speed settings"); the SDK then signs the body's
     * SHA-256 in one pass when the endpoint is plain HTTP.
     */
    public static S3Client client(String region, String storeUrl, boolean pathStyle) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build());
        if (!storeUrl.isBlank()) {
            builder.endpointOverride(URI.create(storeUrl))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        } else if (pathStyle) {
            builder.forcePathStyle(true);
        }
        return builder.build();
    }

    @Override
    public void put(String name, ByteBuffer content, PublishGuard guard) throws IOException {
        stage(name, content).publishOrDiscard(guard);
    }

    /**
     * A file above {@code s3.part.size} is uploaded now, in parts, as a multipart upload that no reader sees until its
     * completion, the publish. A smaller one is sent whole by its publish, as one PUT: staging it as a multipart
     * upload would cost three requests instead of one, and against S3Proxy on a busy machine about 30% more CPU per
     * record than the overlap gained (BENCHMARKS.md, "Lake sink"); lower {@code s3.part.size} to stage more files
     * where uploads wait on the network rather than on the CPU.
     */
    @Override
    public Staged stage(String name, ByteBuffer content) throws IOException {
        if (content.remaining() <= partSize) {
            return new Staged() {
                @Override
                public void publish(PublishGuard guard) throws IOException {
                    putWhole(name, content, guard);
                }

                @Override
                public void discard() {
                    // Nothing was sent ahead.
                }
            };
        }
        ByteBuffer bytes = content.duplicate();
        String uploadId = client.createMultipartUpload(request -> request.bucket(bucket).key(name)).uploadId();
        List<CompletedPart> parts;
        try {
            parts = uploadParts(name, uploadId, content);
        } catch (RuntimeException e) {
            abortQuietly(name, uploadId, e);
            throw e;
        }
        return new Staged() {
            private boolean open = true;

            @Override
            public void publish(PublishGuard guard) throws IOException {
                try {
                    boolean conditional = conditionalWrites();
                    if (!conditional && exists(name)) {
                        requireSame(name, bytes);
                        return;
                    }
                    guard.check(name);
                    client.completeMultipartUpload(request -> request.bucket(bucket).key(name).uploadId(uploadId)
                            .ifNoneMatch(conditional ? ANY_OBJECT : null)
                            .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
                    open = false;
                } catch (S3Exception e) {
                    if (e.statusCode() != PRECONDITION_FAILED) {
                        throw e;
                    }
                    requireSame(name, bytes);
                }
            }

            @Override
            public void discard() {
                if (open) {
                    open = false;
                    abortQuietly(name, uploadId, null);
                }
            }
        };
    }

    /** A file sent whole by one PUT, with the never-replace rule; {@code guard} is asked just before the PUT. */
    private void putWhole(String name, ByteBuffer content, PublishGuard guard) throws IOException {
        ByteBuffer bytes = content.duplicate();
        boolean conditional = conditionalWrites();
        if (!conditional && exists(name)) {
            requireSame(name, bytes);
            return;
        }
        try {
            guard.check(name);
            client.putObject(request -> request.bucket(bucket).key(name).ifNoneMatch(conditional ? ANY_OBJECT : null),
                    RequestBody.fromByteBuffer(content));
        } catch (S3Exception e) {
            if (e.statusCode() != PRECONDITION_FAILED) {
                throw e;
            }
            requireSame(name, bytes);
        }
    }

    private boolean conditionalWrites() {
        Boolean known = conditionalWrites;
        if (known == null) {
            synchronized (this) {
                if (conditionalWrites == null) {
                    conditionalWrites = honoursIfNoneMatch(client, bucket, probeKey);
                    LOG.info(conditionalWrites ? "s3://{} honours If-None-Match: files are written conditionally"
                            : "s3://{} ignores If-None-Match: each file's name is checked just before it is written",
                            bucket);
                }
                known = conditionalWrites;
            }
        }
        return known;
    }

    /** Uploads the parts of {@code content}, {@code s3.part.size} bytes each (the last one smaller). */
    private List<CompletedPart> uploadParts(String name, String uploadId, ByteBuffer content) {
        List<CompletedPart> parts = new ArrayList<>();
        int base = content.position();
        int length = content.remaining();
        for (int start = 0, number = 1; start < length; start += partSize, number++) {
            ByteBuffer part = content.slice(base + start, Math.min(length - start, partSize));
            int partNumber = number;
            String etag = client.uploadPart(request -> request.bucket(bucket).key(name).uploadId(uploadId)
                    .partNumber(partNumber), RequestBody.fromByteBuffer(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        }
        return parts;
    }

    private boolean exists(String name) {
        try {
            client.headObject(request -> request.bucket(bucket).key(name));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** A taken name is a replay when it holds exactly our bytes, and another writer's file otherwise. */
    private void requireSame(String name, ByteBuffer bytes) throws IOException {
        if (!ByteBuffer.wrap(get(name)).equals(bytes)) {
            throw new ObjectConflictException(name, describe());
        }
    }

    /** An ordinary PUT, which replaces: for owner markers only, never for lake files. */
    @Override
    public void replace(String name, byte[] content) {
        client.putObject(request -> request.bucket(bucket).key(name), RequestBody.fromBytes(content));
    }

    @Override
    public List<String> list(String prefix, String startAfter) {
        List<String> names = new ArrayList<>();
        client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)
                        .startAfter(startAfter.isEmpty() ? null : startAfter)).contents().stream()
                .map(S3Object::key)
                .forEach(names::add);
        return names;
    }

    @Override
    public void delete(String name) {
        client.deleteObject(request -> request.bucket(bucket).key(name));
    }

    @Override
    public byte[] get(String name) throws NoSuchFileException {
        try {
            return client.getObjectAsBytes(request -> request.bucket(bucket).key(name)).asByteArray();
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                NoSuchFileException missing = new NoSuchFileException(describe() + "/" + name);
                missing.initCause(e);
                throw missing;
            }
            throw e;
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket;
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Aborts this writer's own upload; one that cannot be aborted is left to the bucket's lifecycle rule, like a
     * killed writer's (it costs storage only and is never visible).
     */
    private void abortQuietly(String name, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(request -> request.bucket(bucket).key(name).uploadId(uploadId));
        } catch (RuntimeException abortFailure) {
            if (cause != null) {
                cause.addSuppressed(abortFailure);
            } else {
                LOG.warn("could not abort the upload {} of {}/{}: {}", uploadId, describe(), name,
                        abortFailure.toString());
            }
        }
    }
}
