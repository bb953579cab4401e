package io.flowwatch.deploy.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/** Turns a kustomization directory into the list of objects that {@code kubectl apply -k} would send. */
public interface Renderer {

    /** Which renderer this is, with its version where known. */
    String name();

    List<ObjectNode> render(Path kustomizationDir);
}
