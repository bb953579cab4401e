package io.flowwatch.alert.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flowwatch.events.EventCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML form of a rule set, for export and import: {@code rules:} followed by rules in exactly the JSON shape of
 * the API. Import also takes a bare list of rules.
 */
public final class RuleYaml {

    public static final String MEDIA_TYPE = "application/yaml";

    private static final ObjectMapper YAML = EventCodec.configure(YAMLMapper.builder(YAMLFactory.builder()
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build())
            .build())
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private RuleYaml() {}

    /** The document: a comment line, then {@code rules:}. */
    public record RuleSet(List<RuleDto> rules) {}

    public static String write(List<RuleDto> rules) {
        try {
            return "# flowwatch alert rules (POST this to /api/v1/rules/import)\n"
                    + YAML.writeValueAsString(new RuleSet(rules));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rules as YAML", e);
        }
    }

    /**
     * The rules of a document.
     *
     * @throws IllegalArgumentException with a reason (and line) if it is not YAML or not a rule set
     */
    public static List<RuleDto> read(String document) {
        try {
            JsonNode root = YAML.readTree(document == null ? "" : document);
            JsonNode rules = root == null ? null : root.isArray() ? root : root.get("rules");
            if (rules == null || !rules.isArray()) {
                throw new IllegalArgumentException("expected 'rules:' followed by a list of rules");
            }
            List<RuleDto> list = new ArrayList<>();
            for (JsonNode rule : rules) {
                list.add(YAML.treeToValue(rule, RuleDto.class));
            }
            return list;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new IllegalArgumentException("not a YAML rule set" + where + ": " + e.getOriginalMessage());
        }
    }
}
