package org.meetups.highlights.domain;

import java.time.Instant;

/**
 * A win shared with the organisation, tied to a meetup. {@code id} sorts by creation; {@code week}
 * (ISO, in the organisation's zone) is the week it was shared in; {@code photoId} names its photo in
 * the private bucket (null: none).
 */
public record Highlight(
        String meetupId,
        String id,
        String text,
        String link,
        String photoId,
        String photoType,
        String authorId,
        String authorName,
        Instant createdAt,
        Instant updatedAt,
        boolean featured,
        Instant featuredAt,
        String week) {}
