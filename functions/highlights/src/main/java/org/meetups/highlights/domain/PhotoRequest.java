package org.meetups.highlights.domain;

/** A photo the client is about to upload: its media type and exact size in bytes, declared up front. */
public record PhotoRequest(String contentType, Long contentLength) {}
