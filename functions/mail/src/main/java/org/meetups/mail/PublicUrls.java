package org.meetups.mail;

/**
 * The URLs that mails and feeds link to, under the public base URL of the API ({@code PUBLIC_BASE_URL},
 * kept without a trailing slash so that every path is appended the same way).
 */
public record PublicUrls(String base) {
    public PublicUrls {
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The public URL of a signed one-click link. */
    public String link(String token) {
        return base + "/links/" + token;
    }

    /** {@code path} (starting with a slash) under the base. */
    public String at(String path) {
        return base + path;
    }
}
