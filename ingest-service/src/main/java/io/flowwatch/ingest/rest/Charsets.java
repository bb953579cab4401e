package io.flowwatch.ingest.rest;

import io.flowwatch.ingest.service.DomainException;
import jakarta.ws.rs.core.MediaType;

/** Every body is read as UTF-8; a request that declares another charset is refused (415) rather than misread. */
final class Charsets {

    private Charsets() {}

    static void requireUtf8(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String charset;
        try {
            charset = MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
        } catch (IllegalArgumentException e) {
            return; // the framework already matched the type; a malformed parameter is not ours to judge
        }
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")
                && !charset.equalsIgnoreCase("us-ascii")) {
            throw DomainException.unsupportedMediaType("charset " + charset + " is not supported: send UTF-8");
        }
    }
}
