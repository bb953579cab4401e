package io.flowwatch.deploy.validation;

/** A container image reference split as Kustomize splits it: name, then an optional tag and/or digest. */
public record ImageRef(String name, String tag, String digest) {

    public static ImageRef parse(String image) {
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        // A colon after the last slash separates the tag (one before it belongs to a registry's port).
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        return new ImageRef(rest, tag, digest);
    }

    /** The registry host, or null for Docker Hub's short names. */
    public String registry() {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String first = name.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : null;
    }

    /** Pinned: a digest, or a tag other than latest. */
    public boolean pinned() {
        return digest != null || (tag != null && !tag.isEmpty() && !tag.equals("latest"));
    }

    @Override
    public String toString() {
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
