package org.meetups.store;

/**
 * The highlight item's attributes (keys in {@link Keys}: {@code MEETUP#<id> / HIGHLIGHT#<highlightId>}, and its
 * week in GSI1, whose sort key also says whether it is {@link #FEATURED}). The highlights function writes the
 * item; the digest (a week's featured highlights) and the involvement projection (a highlight counts for its
 * author) read it too. It also carries the meetup's id ({@link MeetupCopies#MEETUP_ID}).
 */
public final class HighlightItems {
    public static final String TYPE = "HIGHLIGHT";
    public static final String HIGHLIGHT_ID = "highlightId";
    public static final String TEXT = "text";
    public static final String LINK = "link";
    public static final String PHOTO_ID = "photoId";
    public static final String PHOTO_TYPE = "photoType";
    public static final String AUTHOR_ID = "authorId";
    public static final String AUTHOR_NAME = "authorName";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";
    public static final String FEATURED = "featured";
    public static final String FEATURED_AT = "featuredAt";
    public static final String FEATURED_BY = "featuredBy";
    /** The ISO week it was shared in (the organisation's zone): its GSI1 partition. */
    public static final String WEEK = "week";

    /** The placeholders the highlight's expressions name its attributes by: {@code #} and the attribute. */
    public static final ExpressionNames NAMES = ExpressionNames.of(
                    Keys.PK,
                    TEXT,
                    LINK,
                    PHOTO_ID,
                    PHOTO_TYPE,
                    AUTHOR_ID,
                    CREATED_AT,
                    UPDATED_AT,
                    FEATURED,
                    FEATURED_AT,
                    FEATURED_BY)
            .plus(Index.GSI1.keyNames());

    private HighlightItems() {}
}
