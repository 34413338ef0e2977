package org.meetups.highlights.domain;

/**
 * What an author sends (POST creates, PUT replaces): {@code text}, an optional https {@code link}, and an
 * optional {@code photo}: the id of an upload made with POST .../highlights/photos, or the highlight's
 * current photo id to keep it (left out: no photo).
 */
public record HighlightInput(String text, String link, String photo) {}
