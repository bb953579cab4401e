package io.flowwatch.deploy.validation;

/** A manifest or kustomization that cannot be read or rendered at all. */
public class InvalidManifestException extends RuntimeException {

    public InvalidManifestException(String message) {
        super(message);
    }

    public InvalidManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
