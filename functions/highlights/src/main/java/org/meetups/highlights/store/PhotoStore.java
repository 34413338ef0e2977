package org.meetups.highlights.store;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.meetups.highlights.domain.HighlightRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Photos in the private bucket. Uploads go straight from the client to {@code uploads/<meetupId>/<photoId>}
 * through a presigned PUT whose signature covers the declared {@code Content-Type} and exact
 * {@code Content-Length} (S3 refuses a request that differs); a highlight then takes the upload over
 * (checked again: type and size), which moves it to {@code photos/<meetupId>/<photoId>}. Uploads never
 * taken over expire by the bucket's lifecycle rule. Reads are presigned GETs of a few minutes.
 */
public record PhotoStore(S3Client s3, S3Presigner presigner, String bucket) {
    private static final Logger LOG = LoggerFactory.getLogger(PhotoStore.class);
    public static final Duration UPLOAD_VALIDITY = Duration.ofMinutes(10);
    public static final Duration READ_VALIDITY = Duration.ofMinutes(15);

    public static String uploadKey(String meetupId, String photoId) {
        return "uploads/" + meetupId + "/" + photoId;
    }

    public static String photoKey(String meetupId, String photoId) {
        return "photos/" + meetupId + "/" + photoId;
    }

    /** A presigned PUT, and the headers the client must send with it exactly as signed. */
    public record Upload(URL url, Map<String, String> headers, Instant expiresAt) {}

    public Upload presignUpload(String meetupId, String photoId, String contentType, long contentLength, Instant now) {
        PresignedPutObjectRequest presigned = presigner.presignPutObject(p -> p.signatureDuration(UPLOAD_VALIDITY)
                .putObjectRequest(o -> o.bucket(bucket)
                        .key(uploadKey(meetupId, photoId))
                        .contentType(contentType)
                        .contentLength(contentLength)));
        return new Upload(
                presigned.url(),
                Map.of("content-type", contentType, "content-length", Long.toString(contentLength)),
                now.plus(UPLOAD_VALIDITY));
    }

    /** Why an upload cannot become a highlight's photo. */
    public static final class UnusableUpload extends RuntimeException {
        public UnusableUpload(String message) {
            super(message);
        }
    }

    /**
     * Moves an upload under the highlights' photos after checking what S3 holds (type and size), and
     * answers its media type. An upload that is not acceptable is deleted.
     */
    public String takeOver(String meetupId, String photoId) {
        String upload = uploadKey(meetupId, photoId);
        HeadObjectResponse head;
        try {
            head = s3.headObject(r -> r.bucket(bucket).key(upload));
        } catch (NoSuchKeyException e) {
            throw new UnusableUpload(
                    "no upload with this id for this meetup: upload the photo first (it may have expired)");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new UnusableUpload(
                        "no upload with this id for this meetup: upload the photo first (it may have expired)");
            }
            throw e;
        }
        String type = head.contentType() == null
                ? ""
                : head.contentType().split(";", 2)[0].strip();
        if (!HighlightRules.PHOTO_TYPES.containsKey(type)
                || head.contentLength() == null
                || head.contentLength() < 1
                || head.contentLength() > HighlightRules.MAX_PHOTO_BYTES) {
            s3.deleteObject(r -> r.bucket(bucket).key(upload));
            throw new UnusableUpload("the uploaded photo is not a JPEG, PNG or WebP of at most 5 MB");
        }
        s3.copyObject(r -> r.sourceBucket(bucket)
                .sourceKey(upload)
                .destinationBucket(bucket)
                .destinationKey(photoKey(meetupId, photoId)));
        s3.deleteObject(r -> r.bucket(bucket).key(upload));
        return type;
    }

    /** A short-lived read of a photo. */
    public URL presignRead(String meetupId, String photoId, Duration validity) {
        return presigner
                .presignGetObject(p -> p.signatureDuration(validity)
                        .getObjectRequest(o -> o.bucket(bucket).key(photoKey(meetupId, photoId))))
                .url();
    }

    /** Removes a photo no highlight shows any more (a failure leaves an unreferenced object, logged). */
    public void delete(String meetupId, String photoId) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(photoKey(meetupId, photoId)));
        } catch (RuntimeException e) {
            LOG.warn("could not delete a photo no highlight shows any more; it stays unreferenced", e);
        }
    }
}
