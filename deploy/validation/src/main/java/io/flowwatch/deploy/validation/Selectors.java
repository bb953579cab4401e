package io.flowwatch.deploy.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Label selector matching, as the API server does it. */
final class Selectors {

    private Selectors() {
    }

    /** A map selector (Service, ReplicationController): every pair present. An empty map matches nothing. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** A LabelSelector: matchLabels and matchExpressions; an empty selector matches everything. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> matchLabels = selector.getMatchLabels();
        if (matchLabels != null && !matchLabels.entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        if (expressions != null) {
            for (LabelSelectorRequirement requirement : expressions) {
                String value = labels.get(requirement.getKey());
                List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
                boolean ok = switch (requirement.getOperator()) {
                    case "In" -> value != null && values.contains(value);
                    case "NotIn" -> value == null || !values.contains(value);
                    case "Exists" -> value != null;
                    case "DoesNotExist" -> value == null;
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every label key a selector mentions. */
    static java.util.Set<String> keys(LabelSelector selector) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        if (selector != null) {
            if (selector.getMatchLabels() != null) {
                keys.addAll(selector.getMatchLabels().keySet());
            }
            if (selector.getMatchExpressions() != null) {
                selector.getMatchExpressions().forEach(r -> keys.add(r.getKey()));
            }
        }
        return keys;
    }
}
