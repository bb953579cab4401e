package io.flowwatch.deploy.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Checks a rendered overlay: every object parsed strictly ({@link StrictModel}), then cross-checked against the
 * others. Each check has a name, reported with each finding, and a unit test that makes it fire.
 */
public final class ManifestValidator {

    /** The label never to put in a selector: selectors are immutable and the version changes every release. */
    public static final String VERSION_LABEL = "app.kubernetes.io/version";

    /**
     * What the checks need to know about the overlay.
     *
     * @param namespace the namespace every namespaced object must be in (null: not checked)
     * @param externalSecrets Secrets referenced but not rendered, with their keys (external-secrets.yaml)
     * @param publicService the only Service an Ingress may send traffic to
     */
    public record Options(String namespace, Map<String, Set<String>> externalSecrets, String publicService) {
    }

    /** Pods that exist once the overlay is applied: from a workload's template, or made by an operator. */
    record Pods(String owner, Map<String, String> labels, PodSpec spec, Map<String, Integer> namedPorts,
            Set<Integer> ports) {
    }

    /** Building the serialization scans the class path for the model's kinds: once per JVM is enough. */
    private static final class Shared {
        static final StrictModel MODEL = new StrictModel();
    }

    private final StrictModel strictModel = Shared.MODEL;

    public List<Finding> validate(List<ObjectNode> objects, Options options) {
        return new Run(objects, options).run();
    }

    private final class Run {

        private final Options options;
        private final List<Finding> findings = new ArrayList<>();
        private final List<StrictModel.Parsed> parsed = new ArrayList<>();
        private final List<Pods> pods = new ArrayList<>();
        private final Map<String, Set<String>> configMaps = new HashMap<>();
        private final Map<String, Set<String>> renderedSecrets = new HashMap<>();
        private final Map<String, Service> services = new HashMap<>();
        private final Set<String> serviceAccounts = new HashSet<>();
        private final Set<String> referencedSecrets = new HashSet<>();

        Run(List<ObjectNode> objects, Options options) {
            this.options = options;
            for (ObjectNode object : objects) {
                StrictModel.Parsed result = strictModel.parse(object);
                parsed.add(result);
                result.problems().forEach(problem -> add("parse", result.ref(), problem));
            }
        }

        List<Finding> run() {
            index();
            duplicates();
            namespaces();
            labels();
            for (StrictModel.Parsed p : parsed) {
                if (p.model() == null) {
                    continue;
                }
                switch (p.model()) {
                    case Deployment d -> workload(p, d.getSpec().getSelector(), d.getSpec().getTemplate());
                    case StatefulSet s -> {
                        workload(p, s.getSpec().getSelector(), s.getSpec().getTemplate());
                        statefulSet(p, s);
                    }
                    case Job j -> workload(p, j.getSpec().getSelector(), j.getSpec().getTemplate());
                    case Service s -> service(p, s);
                    case Secret s -> secretValues(p, s);
                    case HorizontalPodAutoscaler h -> hpa(p, h);
                    case PodDisruptionBudget b -> pdb(p, b);
                    case NetworkPolicy n -> networkPolicy(p, n);
                    case io.fabric8.kubernetes.api.model.networking.v1.Ingress i -> ingress(p, i);
                    default -> customResource(p);
                }
            }
            appImages();
            unusedExternalSecrets();
            return findings;
        }

        private void add(String check, String object, String message) {
            findings.add(new Finding(check, object, message));
        }

        // --- indexes ---------------------------------------------------------------------------------

        private void index() {
            for (StrictModel.Parsed p : parsed) {
                switch (p.model()) {
                    case ConfigMap c -> {
                        Set<String> keys = new HashSet<>();
                        if (c.getData() != null) {
                            keys.addAll(c.getData().keySet());
                        }
                        if (c.getBinaryData() != null) {
                            keys.addAll(c.getBinaryData().keySet());
                        }
                        configMaps.put(p.name(), keys);
                    }
                    case Secret s -> {
                        Set<String> keys = new HashSet<>();
                        if (s.getData() != null) {
                            keys.addAll(s.getData().keySet());
                        }
                        if (s.getStringData() != null) {
                            keys.addAll(s.getStringData().keySet());
                        }
                        renderedSecrets.put(p.name(), keys);
                    }
                    case Service s -> services.put(p.name(), s);
                    case io.fabric8.kubernetes.api.model.ServiceAccount a -> serviceAccounts.add(p.name());
                    case Deployment d -> podsOf(p, d.getSpec().getTemplate());
                    case StatefulSet s -> podsOf(p, s.getSpec().getTemplate());
                    case Job j -> podsOf(p, j.getSpec().getTemplate());
                    case null -> {
                    }
                    default -> operatorPods(p);
                }
            }
        }

        private void podsOf(StrictModel.Parsed p, PodTemplateSpec template) {
            if (template == null || template.getSpec() == null) {
                add("workload", p.ref(), "no pod template");
                return;
            }
            Map<String, Integer> named = new HashMap<>();
            Set<Integer> numbers = new HashSet<>();
            for (Container container : containers(template.getSpec())) {
                for (ContainerPort port : list(container.getPorts())) {
                    numbers.add(port.getContainerPort());
                    if (port.getName() != null) {
                        named.put(port.getName(), port.getContainerPort());
                    }
                }
            }
            Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                    ? Map.of() : template.getMetadata().getLabels();
            pods.add(new Pods(p.ref(), labels, template.getSpec(), named, numbers));
        }

        /**
         * The pods the two operators make, with the labels and ports they give them (hand-checked against the
         * operators' documentation; see deploy/README.md).
         */
        private void operatorPods(StrictModel.Parsed p) {
            JsonNode spec = p.raw().path("spec");
            switch (p.raw().path("apiVersion").asText() + "/" + p.kind()) {
                case "rabbitmq.com/v1beta1/RabbitmqCluster" -> pods.add(new Pods(p.ref(),
                        Map.of("app.kubernetes.io/name", p.name(), "app.kubernetes.io/component", "rabbitmq",
                                "app.kubernetes.io/part-of", "rabbitmq"),
                        null, Map.of("amqp", 5672, "management", 15672, "prometheus", 15692, "epmd", 4369,
                                "cluster-links", 25672),
                        Set.of(5672, 15672, 15692, 4369, 25672)));
                case "postgresql.cnpg.io/v1/Cluster" -> {
                    Map<String, String> labels = new HashMap<>();
                    spec.path("inheritedMetadata").path("labels").fields()
                            .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    // The operator's own labels win over inherited ones with the same key.
                    labels.put("cnpg.io/cluster", p.name());
                    labels.put("cnpg.io/podRole", "instance");
                    labels.put("app.kubernetes.io/name", "postgresql");
                    labels.put("app.kubernetes.io/instance", p.name());
                    labels.put("app.kubernetes.io/component", "database");
                    labels.put("app.kubernetes.io/managed-by", "cloudnative-pg");
                    pods.add(new Pods(p.ref(), labels, null, Map.of("postgresql", 5432, "metrics", 9187, "status", 8000),
                            Set.of(5432, 9187, 8000)));
                }
                default -> {
                }
            }
        }

        // --- whole-overlay checks ------------------------------------------------------------------------

        private void duplicates() {
            Set<String> seen = new HashSet<>();
            for (StrictModel.Parsed p : parsed) {
                String id = SubsetKustomize.id(p.raw());
                if (!seen.add(id)) {
                    add("duplicate", p.ref(), "defined twice (" + id + ")");
                }
            }
        }

        private void namespaces() {
            if (options.namespace() == null) {
                return;
            }
            for (StrictModel.Parsed p : parsed) {
                boolean clusterScoped = SubsetKustomize.CLUSTER_SCOPED.contains(p.kind());
                if (clusterScoped && p.namespace() != null) {
                    add("namespace", p.ref(), "a cluster-scoped object with a namespace");
                } else if (!clusterScoped && !options.namespace().equals(p.namespace())) {
                    add("namespace", p.ref(), "namespace is " + p.namespace() + ", expected " + options.namespace());
                }
            }
        }

        private void labels() {
            for (StrictModel.Parsed p : parsed) {
                JsonNode labels = p.raw().path("metadata").path("labels");
                for (String label : List.of("app.kubernetes.io/part-of", "app.kubernetes.io/managed-by")) {
                    if (!labels.path(label).isTextual()) {
                        add("labels", p.ref(), "no " + label + " label");
                    }
                }
            }
            for (Pods group : pods) {
                if (group.spec() != null && !group.labels().containsKey("app.kubernetes.io/name")) {
                    add("labels", group.owner(), "the pod template has no app.kubernetes.io/name label");
                }
            }
        }

        private void appImages() {
            // The project's own images: one registry and one tag in an overlay (the kustomize images: setting).
            Map<String, Set<String>> registriesAndTags = new LinkedHashMap<>();
            for (Pods group : pods) {
                if (group.spec() == null) {
                    continue;
                }
                for (Container container : containers(group.spec())) {
                    if (container.getImage() == null) {
                        continue;
                    }
                    ImageRef ref = ImageRef.parse(container.getImage());
                    int at = ref.name().indexOf("flowwatch/");
                    if (at >= 0 && (at == 0 || ref.name().charAt(at - 1) == '/')) {
                        String prefix = ref.name().substring(0, at) + "…:" + ref.tag() + (ref.digest() != null ? "@…" : "");
                        registriesAndTags.computeIfAbsent(prefix, k -> new TreeSet<>()).add(group.owner());
                    }
                }
            }
            if (registriesAndTags.size() > 1) {
                add("app-images", "overlay", "the flowwatch images come from more than one registry/tag: " + registriesAndTags);
            }
        }

        private void unusedExternalSecrets() {
            for (String name : options.externalSecrets().keySet()) {
                if (!referencedSecrets.contains(name)) {
                    add("secret-list", "Secret/" + name,
                            "listed in external-secrets.yaml for this overlay but referenced by nothing");
                }
            }
        }

        // --- workloads -------------------------------------------------------------------------------

        private void workload(StrictModel.Parsed p, LabelSelector selector, PodTemplateSpec template) {
            if (template == null || template.getSpec() == null) {
                return;
            }
            Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                    ? Map.of() : template.getMetadata().getLabels();
            if (selector == null || Selectors.keys(selector).isEmpty()) {
                add("workload-selector", p.ref(), "no selector");
            } else {
                if (!Selectors.matches(selector, labels)) {
                    add("workload-selector", p.ref(), "the selector does not match the pod template's labels " + labels);
                }
                versionLabel(p, "spec.selector", selector);
            }
            PodSpec spec = template.getSpec();
            podSecurity(p, spec);
            String account = spec.getServiceAccountName();
            if (account != null && !account.equals("default") && !serviceAccounts.contains(account)) {
                add("service-account", p.ref(), "serviceAccountName " + account + " does not exist");
            }
            Set<String> volumes = new HashSet<>();
            for (Volume volume : list(spec.getVolumes())) {
                volumes.add(volume.getName());
                volumeReferences(p, volume);
            }
            if (p.model() instanceof StatefulSet s) {
                s.getSpec().getVolumeClaimTemplates().forEach(claim -> volumes.add(claim.getMetadata().getName()));
            }
            for (io.fabric8.kubernetes.api.model.LocalObjectReference pullSecret : list(spec.getImagePullSecrets())) {
                secretReference(p, pullSecret.getName(), null, "imagePullSecrets");
            }
            boolean longRunning = !(p.model() instanceof Job);
            for (Container container : list(spec.getInitContainers())) {
                container(p, spec, container, volumes, false);
            }
            for (Container container : list(spec.getContainers())) {
                container(p, spec, container, volumes, longRunning);
            }
            for (TopologySpreadConstraint constraint : list(spec.getTopologySpreadConstraints())) {
                versionLabel(p, "topologySpreadConstraints.labelSelector", constraint.getLabelSelector());
                if (!Selectors.matches(constraint.getLabelSelector(), labels)) {
                    add("topology-spread", p.ref(), "the constraint on " + constraint.getTopologyKey()
                            + " does not select the workload's own pods");
                }
            }
        }

        private void container(StrictModel.Parsed p, PodSpec pod, Container container, Set<String> volumes,
                boolean needsProbes) {
            String where = p.ref() + " container " + container.getName();
            image(where, container.getImage());
            resources(where, container.getResources());
            containerSecurity(where, pod, container);
            Map<String, Integer> named = new HashMap<>();
            Set<Integer> numbers = new HashSet<>();
            for (ContainerPort port : list(container.getPorts())) {
                numbers.add(port.getContainerPort());
                if (port.getName() != null) {
                    named.put(port.getName(), port.getContainerPort());
                }
            }
            if (needsProbes && (container.getReadinessProbe() == null || container.getLivenessProbe() == null)) {
                add("probe-port", where, "needs a readiness and a liveness probe");
            }
            for (Map.Entry<String, Probe> probe : probes(container).entrySet()) {
                IntOrString port = probePort(probe.getValue());
                if (port != null && !declares(port, named, numbers)) {
                    add("probe-port", where, probe.getKey() + " probe port " + show(port)
                            + " is not a declared container port " + named);
                }
            }
            for (EnvVar env : list(container.getEnv())) {
                if (env.getValueFrom() == null) {
                    continue;
                }
                var from = env.getValueFrom();
                if (from.getConfigMapKeyRef() != null) {
                    configMapReference(p, from.getConfigMapKeyRef().getName(), from.getConfigMapKeyRef().getKey(),
                            "env " + env.getName());
                }
                if (from.getSecretKeyRef() != null) {
                    secretReference(p, from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey(),
                            "env " + env.getName());
                }
            }
            for (EnvFromSource source : list(container.getEnvFrom())) {
                if (source.getConfigMapRef() != null) {
                    configMapReference(p, source.getConfigMapRef().getName(), null, "envFrom");
                }
                if (source.getSecretRef() != null) {
                    secretReference(p, source.getSecretRef().getName(), null, "envFrom");
                }
            }
            for (VolumeMount mount : list(container.getVolumeMounts())) {
                if (!volumes.contains(mount.getName())) {
                    add("volumes", where, "volumeMount " + mount.getName() + " names no volume");
                }
            }
        }

        private void statefulSet(StrictModel.Parsed p, StatefulSet s) {
            String serviceName = s.getSpec().getServiceName();
            if (serviceName != null && !services.containsKey(serviceName)) {
                add("statefulset", p.ref(), "serviceName " + serviceName + " is not a Service of this overlay");
            }
        }

        private void image(String where, String image) {
            if (image == null || image.isBlank()) {
                add("image", where, "no image");
            } else if (!ImageRef.parse(image).pinned()) {
                add("image", where, "image " + image + " is not pinned (a tag other than latest, or a digest)");
            }
        }

        private void resources(String where, ResourceRequirements resources) {
            Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
            Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = requests.get(resource);
                Quantity limit = limits.get(resource);
                if (request == null) {
                    add("resources", where, "no " + resource + " request");
                }
                if (limit == null) {
                    add("resources", where, "no " + resource + " limit");
                }
                if (request != null && limit != null) {
                    try {
                        if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                            add("resources", where, resource + " request " + request + " exceeds its limit " + limit);
                        }
                    } catch (RuntimeException e) {
                        // A malformed quantity is reported by the parse check.
                    }
                }
            }
        }

        private void podSecurity(StrictModel.Parsed p, PodSpec spec) {
            if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID())
                    || Boolean.TRUE.equals(spec.getHostIPC())) {
                add("security", p.ref(), "uses a host namespace (hostNetwork, hostPID or hostIPC)");
            }
        }

        private void containerSecurity(String where, PodSpec pod, Container container) {
            PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
            SecurityContext context = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
            Boolean runAsNonRoot = context.getRunAsNonRoot() != null ? context.getRunAsNonRoot() : podContext.getRunAsNonRoot();
            Long runAsUser = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
            SeccompProfile seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile() : podContext.getSeccompProfile();
            if (!Boolean.TRUE.equals(runAsNonRoot)) {
                add("security", where, "runAsNonRoot is not true");
            }
            if (runAsUser != null && runAsUser == 0) {
                add("security", where, "runs as user 0");
            }
            if (Boolean.TRUE.equals(context.getPrivileged())) {
                add("security", where, "privileged");
            }
            if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                add("security", where, "allowPrivilegeEscalation is not false");
            }
            if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
                add("security", where, "readOnlyRootFilesystem is not true");
            } else {
                boolean tmp = list(container.getVolumeMounts()).stream().anyMatch(m -> m.getMountPath().equals("/tmp")
                        && list(pod.getVolumes()).stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
                if (!tmp) {
                    add("security", where, "a read-only root filesystem needs an emptyDir at /tmp");
                }
            }
            Capabilities capabilities = context.getCapabilities();
            if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
                add("security", where, "capabilities do not drop ALL");
            }
            if (capabilities != null && capabilities.getAdd() != null && !capabilities.getAdd().isEmpty()) {
                add("security", where, "adds capabilities " + capabilities.getAdd());
            }
            if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                add("security", where, "no seccomp profile RuntimeDefault");
            }
        }

        private void volumeReferences(StrictModel.Parsed p, Volume volume) {
            String what = "volume " + volume.getName();
            if (volume.getConfigMap() != null) {
                List<KeyToPath> items = list(volume.getConfigMap().getItems());
                configMapReference(p, volume.getConfigMap().getName(), null, what);
                items.forEach(item -> configMapReference(p, volume.getConfigMap().getName(), item.getKey(), what));
            }
            if (volume.getSecret() != null) {
                secretReference(p, volume.getSecret().getSecretName(), null, what);
                list(volume.getSecret().getItems())
                        .forEach(item -> secretReference(p, volume.getSecret().getSecretName(), item.getKey(), what));
            }
            if (volume.getProjected() != null) {
                for (VolumeProjection source : list(volume.getProjected().getSources())) {
                    if (source.getConfigMap() != null) {
                        configMapReference(p, source.getConfigMap().getName(), null, what);
                    }
                    if (source.getSecret() != null) {
                        secretReference(p, source.getSecret().getName(), null, what);
                    }
                }
            }
        }

        private void configMapReference(StrictModel.Parsed p, String name, String key, String what) {
            Set<String> keys = configMaps.get(name);
            if (keys == null) {
                add("config-ref", p.ref(), what + " refers to ConfigMap " + name + ", which is not in the overlay");
            } else if (key != null && !keys.contains(key)) {
                add("config-ref", p.ref(), what + " refers to key " + key + " of ConfigMap " + name + ", which has " + new TreeSet<>(keys));
            }
        }

        private void secretReference(StrictModel.Parsed p, String name, String key, String what) {
            referencedSecrets.add(name);
            Set<String> keys = renderedSecrets.containsKey(name) ? renderedSecrets.get(name) : options.externalSecrets().get(name);
            if (keys == null) {
                add("config-ref", p.ref(), what + " refers to Secret " + name
                        + ", which is neither in the overlay nor listed in external-secrets.yaml for it");
            } else if (key != null && !keys.contains(key)) {
                add("config-ref", p.ref(), what + " refers to key " + key + " of Secret " + name
                        + ", whose documented keys are " + keys);
            }
        }

        // --- Services, Secrets, autoscaling, disruption budgets ------------------------------------------

        private void service(StrictModel.Parsed p, Service service) {
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                if (!"ExternalName".equals(service.getSpec().getType())) {
                    add("service-selector", p.ref(), "no selector");
                }
                return;
            }
            if (selector.containsKey(VERSION_LABEL)) {
                add("selector-version", p.ref(), "spec.selector contains " + VERSION_LABEL);
            }
            List<Pods> selected = pods.stream()
                    .filter(group -> group.spec() != null && Selectors.matches(selector, group.labels())).toList();
            if (selected.isEmpty()) {
                add("service-selector", p.ref(), "the selector " + selector
                        + " is not a subset of the pod labels of any Deployment or StatefulSet");
                return;
            }
            for (ServicePort port : list(service.getSpec().getPorts())) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                for (Pods group : selected) {
                    if (!declares(target, group.namedPorts(), group.ports())) {
                        add("service-port", p.ref(), "port " + port.getName() + " targets " + show(target)
                                + ", which is not a container port of " + group.owner() + " " + group.namedPorts());
                    }
                }
            }
        }

        private void secretValues(StrictModel.Parsed p, Secret secret) {
            boolean data = secret.getData() != null && !secret.getData().isEmpty();
            boolean stringData = secret.getStringData() != null && !secret.getStringData().isEmpty();
            if (data || stringData) {
                add("secret-values", p.ref(), "a committed Secret with values (data/stringData): create it with kubectl"
                        + " instead and list it in external-secrets.yaml");
            }
        }

        private void hpa(StrictModel.Parsed p, HorizontalPodAutoscaler hpa) {
            var target = hpa.getSpec().getScaleTargetRef();
            StrictModel.Parsed workload = parsed.stream()
                    .filter(o -> o.model() instanceof Deployment || o.model() instanceof StatefulSet)
                    .filter(o -> o.kind().equals(target.getKind()) && o.name().equals(target.getName()))
                    .findFirst().orElse(null);
            if (workload == null) {
                add("hpa", p.ref(), "scaleTargetRef " + target.getKind() + "/" + target.getName() + " does not exist");
                return;
            }
            if (!"apps/v1".equals(target.getApiVersion())) {
                add("hpa", p.ref(), "scaleTargetRef apiVersion is " + target.getApiVersion() + ", expected apps/v1");
            }
            Integer min = hpa.getSpec().getMinReplicas();
            if (min == null || min < 1 || min > hpa.getSpec().getMaxReplicas()) {
                add("hpa", p.ref(), "minReplicas " + min + " must be between 1 and maxReplicas " + hpa.getSpec().getMaxReplicas());
            }
            boolean cpu = list(hpa.getSpec().getMetrics()).stream().map(MetricSpec::getResource).filter(Objects::nonNull)
                    .anyMatch(r -> "cpu".equals(r.getName()));
            if (!cpu) {
                add("hpa", p.ref(), "no CPU resource metric");
            }
            PodTemplateSpec template = workload.model() instanceof Deployment d ? d.getSpec().getTemplate()
                    : ((StatefulSet) workload.model()).getSpec().getTemplate();
            for (Container container : list(template.getSpec().getContainers())) {
                if (container.getResources() == null || container.getResources().getRequests() == null
                        || !container.getResources().getRequests().containsKey("cpu")) {
                    add("hpa", p.ref(), "container " + container.getName() + " of the target has no CPU request to scale on");
                }
            }
        }

        private void pdb(StrictModel.Parsed p, PodDisruptionBudget pdb) {
            if ((pdb.getSpec().getMinAvailable() == null) == (pdb.getSpec().getMaxUnavailable() == null)) {
                add("pdb", p.ref(), "set exactly one of minAvailable and maxUnavailable");
            }
            LabelSelector selector = pdb.getSpec().getSelector();
            versionLabel(p, "spec.selector", selector);
            if (selector == null || Selectors.keys(selector).isEmpty()
                    || pods.stream().noneMatch(group -> Selectors.matches(selector, group.labels()))) {
                add("pdb", p.ref(), "the selector matches no pods of this overlay");
            }
        }

        // --- network policies and the Ingress ----------------------------------------------------------

        private void networkPolicy(StrictModel.Parsed p, NetworkPolicy policy) {
            LabelSelector podSelector = policy.getSpec().getPodSelector();
            versionLabel(p, "spec.podSelector", podSelector);
            List<Pods> selected = pods.stream().filter(group -> Selectors.matches(podSelector, group.labels())).toList();
            if (selected.isEmpty()) {
                add("network-policy", p.ref(), "spec.podSelector matches no pods of this overlay");
            }
            for (NetworkPolicyIngressRule rule : list(policy.getSpec().getIngress())) {
                peers(p, rule.getFrom(), "ingress.from");
                namedPorts(p, rule.getPorts(), selected, "ingress");
            }
            for (NetworkPolicyEgressRule rule : list(policy.getSpec().getEgress())) {
                List<Pods> destinations = peers(p, rule.getTo(), "egress.to");
                namedPorts(p, rule.getPorts(), destinations, "egress");
            }
        }

        /** Checks the pod selectors of peers in this namespace; returns the pods they select. */
        private List<Pods> peers(StrictModel.Parsed p, List<NetworkPolicyPeer> peers, String where) {
            List<Pods> selected = new ArrayList<>();
            for (NetworkPolicyPeer peer : list(peers)) {
                if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                    versionLabel(p, where + ".podSelector", peer.getPodSelector());
                    List<Pods> matched = pods.stream().filter(g -> Selectors.matches(peer.getPodSelector(), g.labels())).toList();
                    if (matched.isEmpty()) {
                        add("network-policy", p.ref(), where + " podSelector " + Selectors.keys(peer.getPodSelector())
                                + " matches no pods of this overlay");
                    }
                    selected.addAll(matched);
                }
            }
            return selected;
        }

        private void namedPorts(StrictModel.Parsed p, List<NetworkPolicyPort> ports, List<Pods> pods, String where) {
            for (NetworkPolicyPort port : list(ports)) {
                if (port.getPort() != null && port.getPort().getStrVal() != null && !pods.isEmpty()
                        && pods.stream().noneMatch(g -> g.namedPorts().containsKey(port.getPort().getStrVal()))) {
                    add("network-policy", p.ref(), where + " port " + port.getPort().getStrVal()
                            + " is a port name that none of the selected pods declares");
                }
            }
        }

        private void ingress(StrictModel.Parsed p, io.fabric8.kubernetes.api.model.networking.v1.Ingress ingress) {
            List<IngressBackend> backends = new ArrayList<>();
            if (ingress.getSpec().getDefaultBackend() != null) {
                backends.add(ingress.getSpec().getDefaultBackend());
            }
            for (IngressRule rule : list(ingress.getSpec().getRules())) {
                if (rule.getHttp() != null) {
                    list(rule.getHttp().getPaths()).stream().map(HTTPIngressPath::getBackend).forEach(backends::add);
                }
            }
            if (backends.isEmpty()) {
                add("ingress", p.ref(), "no backends");
            }
            for (IngressBackend backend : backends) {
                if (backend.getService() == null) {
                    add("ingress", p.ref(), "a backend that is not a Service");
                    continue;
                }
                String name = backend.getService().getName();
                if (!options.publicService().equals(name)) {
                    add("ingress", p.ref(), "backend Service " + name + ": only " + options.publicService() + " is public");
                }
                Service service = services.get(name);
                if (service == null) {
                    add("ingress", p.ref(), "backend Service " + name + " does not exist");
                    continue;
                }
                var port = backend.getService().getPort();
                boolean found = port != null && list(service.getSpec().getPorts()).stream().anyMatch(sp ->
                        (port.getName() != null && port.getName().equals(sp.getName()))
                                || (port.getNumber() != null && port.getNumber().equals(sp.getPort())));
                if (!found) {
                    add("ingress", p.ref(), "backend port " + (port == null ? null : port.getName() != null
                            ? port.getName() : port.getNumber()) + " is not a port of Service " + name);
                }
            }
            for (IngressTLS tls : list(ingress.getSpec().getTls())) {
                if (tls.getSecretName() != null) {
                    secretReference(p, tls.getSecretName(), "tls.crt", "tls");
                    secretReference(p, tls.getSecretName(), "tls.key", "tls");
                }
            }
        }

        // --- custom resources ----------------------------------------------------------------------

        private void customResource(StrictModel.Parsed p) {
            JsonNode spec = p.raw().path("spec");
            switch (p.raw().path("apiVersion").asText() + "/" + p.kind()) {
                case "rabbitmq.com/v1beta1/RabbitmqCluster" -> {
                    image(p.ref(), spec.path("image").asText(null));
                    resources(p.ref(), strictModel.serialization().convertValue(spec.path("resources"), ResourceRequirements.class));
                    String secret = spec.path("secretBackend").path("externalSecret").path("name").asText(null);
                    if (secret != null) {
                        for (String key : List.of("default_user.conf", "username", "password")) {
                            secretReference(p, secret, key, "secretBackend.externalSecret");
                        }
                    }
                }
                case "postgresql.cnpg.io/v1/Cluster" -> {
                    image(p.ref(), spec.path("imageName").asText(null));
                    String initdb = spec.path("bootstrap").path("initdb").path("secret").path("name").asText(null);
                    if (initdb != null) {
                        secretReference(p, initdb, "username", "bootstrap.initdb.secret");
                        secretReference(p, initdb, "password", "bootstrap.initdb.secret");
                    }
                    String superuser = spec.path("superuserSecret").path("name").asText(null);
                    if (superuser != null) {
                        secretReference(p, superuser, "password", "superuserSecret");
                    }
                    spec.path("backup").path("barmanObjectStore").path("s3Credentials").fields().forEachRemaining(e -> {
                        if (e.getValue().path("name").isTextual()) {
                            secretReference(p, e.getValue().get("name").asText(), e.getValue().path("key").asText(null),
                                    "backup.barmanObjectStore.s3Credentials." + e.getKey());
                        }
                    });
                    resources(p.ref(), strictModel.serialization().convertValue(spec.path("resources"), ResourceRequirements.class));
                }
                case "postgresql.cnpg.io/v1/ScheduledBackup" -> {
                    String cluster = spec.path("cluster").path("name").asText();
                    boolean exists = parsed.stream().anyMatch(o -> o.kind().equals("Cluster")
                            && o.raw().path("apiVersion").asText().equals("postgresql.cnpg.io/v1") && o.name().equals(cluster));
                    if (!exists) {
                        add("config-ref", p.ref(), "cluster " + cluster + " is not a CloudNativePG Cluster of this overlay");
                    }
                }
                default -> {
                }
            }
        }

        // --- small helpers -------------------------------------------------------------------------

        private void versionLabel(StrictModel.Parsed p, String where, LabelSelector selector) {
            if (Selectors.keys(selector).contains(VERSION_LABEL)) {
                add("selector-version", p.ref(), where + " contains " + VERSION_LABEL);
            }
        }
    }

    private static List<Container> containers(PodSpec spec) {
        return Stream.concat(list(spec.getInitContainers()).stream(), list(spec.getContainers()).stream()).toList();
    }

    private static Map<String, Probe> probes(Container container) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        Consumer<Map.Entry<String, Probe>> put = e -> {
            if (e.getValue() != null) {
                probes.put(e.getKey(), e.getValue());
            }
        };
        put.accept(new java.util.AbstractMap.SimpleEntry<>("startup", container.getStartupProbe()));
        put.accept(new java.util.AbstractMap.SimpleEntry<>("readiness", container.getReadinessProbe()));
        put.accept(new java.util.AbstractMap.SimpleEntry<>("liveness", container.getLivenessProbe()));
        return probes;
    }

    private static IntOrString probePort(Probe probe) {
        if (probe.getHttpGet() != null) {
            return probe.getHttpGet().getPort();
        }
        if (probe.getTcpSocket() != null) {
            return probe.getTcpSocket().getPort();
        }
        if (probe.getGrpc() != null) {
            return new IntOrString(probe.getGrpc().getPort());
        }
        return null;
    }

    private static boolean declares(IntOrString port, Map<String, Integer> named, Set<Integer> numbers) {
        return port.getStrVal() != null ? named.containsKey(port.getStrVal()) : numbers.contains(port.getIntVal());
    }

    private static String show(IntOrString port) {
        return port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Convenience for tests and reports: the distinct check names of some findings. */
    public static Set<String> checks(List<Finding> findings) {
        Set<String> out = new LinkedHashSet<>();
        findings.forEach(f -> out.add(f.check()));
        return out;
    }
}
