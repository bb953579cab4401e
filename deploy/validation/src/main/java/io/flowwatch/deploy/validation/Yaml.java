package io.flowwatch.deploy.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads YAML streams into Jackson trees, strictly: a key that appears twice in one mapping is an error (both
 * kubectl's and fabric8's parsers keep the last value silently).
 */
public final class Yaml {

    private static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build())
            .build();

    private Yaml() {
    }

    /** Every non-empty document of a YAML stream; each must be a mapping. */
    public static List<ObjectNode> readAll(String text, String source) {
        List<ObjectNode> documents = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(text);
                MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(parser)) {
            int index = 0;
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                index++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                if (!(node instanceof ObjectNode object)) {
                    throw new InvalidManifestException(source + ": document " + index + " is not a mapping");
                }
                documents.add(object);
            }
        } catch (IOException e) {
            throw new InvalidManifestException(source + ": " + e.getMessage(), e);
        }
        return documents;
    }

    public static List<ObjectNode> readAll(Path file) {
        return readAll(read(file), file.toString());
    }

    /** A file that must hold exactly one document. */
    public static ObjectNode readOne(Path file) {
        List<ObjectNode> documents = readAll(file);
        if (documents.size() != 1) {
            throw new InvalidManifestException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    public static String write(List<? extends JsonNode> documents) {
        StringBuilder out = new StringBuilder();
        for (JsonNode document : documents) {
            try {
                out.append("---\n").append(MAPPER.writeValueAsString(document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
