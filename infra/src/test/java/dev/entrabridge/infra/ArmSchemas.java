package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ARM's own JSON Schemas (draft-04), read in place, answering for a resource {@code type@apiVersion} whether ARM
 * defines it and whether a body validates. The schemas leave objects open, so an unknown property would pass;
 * here every object with declared properties is closed ({@code additionalProperties: false}, in memory only),
 * which is how Bicep's type check treats a property the type does not have.
 */
final class ArmSchemas {

    private static final String BASE = "https://schema.management.azure.com/schemas/";
    /**
     * Bicep's expressions become ARM's "[…]" strings; all of them stand for one value of any type here. Its
     * characters are ones ARM's name patterns exclude, so only the schemas' expression alternative accepts it
     * (else a {@code oneOf} of a name pattern and an expression would match twice).
     */
    private static final String EXPRESSION = "[<*expression*>]";

    private final Path root;
    private final Map<String, String> definitionOf = new HashMap<>();
    /** The type as ARM's schema spells it (its enum is case-sensitive; ARM itself is not). */
    private final Map<String, String> spelling = new HashMap<>();
    private final SchemaRegistry registry;

    ArmSchemas(Path root) {
        this.root = root;
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".json") && !f.getParent().getFileName().toString().equals("common")
                    && !f.getFileName().toString().equals("deploymentTemplate.json")).forEach(this::index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                b -> b.schemas(iri -> iri.startsWith(BASE) ? closed(iri.substring(BASE.length())) : null));
    }

    private void index(Path file) {
        JsonNode schema = read(file);
        String relative = root.relativize(file).toString().replace('\\', '/');
        schema.path("resourceDefinitions").properties().forEach(e -> {
            JsonNode p = e.getValue().path("properties");
            for (JsonNode type : p.path("type").path("enum")) {
                for (JsonNode version : p.path("apiVersion").path("enum")) {
                    definitionOf.put(key(type.asText(), version.asText()), relative + "#/resourceDefinitions/" + e.getKey());
                    spelling.put(key(type.asText(), version.asText()), type.asText());
                }
            }
        });
    }

    /** Where ARM defines {@code type@apiVersion} (resource types compare case-insensitively, as in ARM). */
    Optional<String> definition(String type, String apiVersion) {
        return Optional.ofNullable(definitionOf.get(key(type, apiVersion)));
    }

    /** What is wrong with {@code resource} (as ARM JSON: type, apiVersion, body); empty when it validates. */
    List<String> problems(ObjectNode resource) {
        String type = resource.path("type").asText();
        String version = resource.path("apiVersion").asText();
        Optional<String> definition = definition(type, version);
        if (definition.isEmpty()) {
            return List.of(type + "@" + version + " is no resource type and API version of ARM's schemas");
        }
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + definition.get()));
        ObjectNode instance = (ObjectNode) expressionsAsOne(resource.deepCopy());
        instance.put("type", spelling.get(key(type, version)));
        List<Error> errors = schema.validate(instance);
        List<String> problems = new ArrayList<>();
        for (Error e : errors) {
            // Every property also admits an expression: that alternative's refusal, and the oneOf summary over a
            // more precise refusal, only repeat the real problem.
            boolean expressionBranch = String.valueOf(e.getSchemaLocation()).contains("definitions.json#/definitions/expression");
            boolean summary = "oneOf".equals(e.getKeyword()) && errors.stream().anyMatch(other -> other != e
                    && !"oneOf".equals(other.getKeyword())
                    && other.getInstanceLocation().toString().startsWith(e.getInstanceLocation().toString()));
            if (!expressionBranch && !summary) {
                problems.add(type + "@" + version + " " + e.getInstanceLocation() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private String closed(String relativeIri) {
        String path = relativeIri.replaceAll("#.*$", "");
        JsonNode schema = read(root.resolve(path));
        close(schema);
        return schema.toString();
    }

    /** Keywords whose value maps names to schemas, and those whose value is a schema or a list of schemas. */
    private static final java.util.Set<String> SCHEMA_MAPS = java.util.Set.of("properties", "patternProperties",
            "definitions", "resourceDefinitions", "tenant_resourceDefinitions", "subscription_resourceDefinitions",
            "managementGroup_resourceDefinitions", "extension_resourceDefinitions", "unknown_resourceDefinitions");
    private static final java.util.Set<String> SUBSCHEMAS = java.util.Set.of("items", "oneOf", "anyOf", "allOf", "not",
            "additionalProperties", "additionalItems");

    /** Closes a schema and every schema below it; a map of property names is walked, never itself closed. */
    private static void close(JsonNode schema) {
        if (!(schema instanceof ObjectNode o)) {
            return;
        }
        if (o.path("properties").isObject() && !o.has("additionalProperties") && !o.has("patternProperties")) {
            o.put("additionalProperties", false);
        }
        o.properties().forEach(e -> {
            if (SCHEMA_MAPS.contains(e.getKey())) {
                e.getValue().forEach(ArmSchemas::close);
            } else if (SUBSCHEMAS.contains(e.getKey())) {
                if (e.getValue().isArray()) {
                    e.getValue().forEach(ArmSchemas::close);
                } else {
                    close(e.getValue());
                }
            }
        });
    }

    private static JsonNode expressionsAsOne(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(expressionsAsOne(e.getValue()));
            }
            return o;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, expressionsAsOne(node.get(i)));
            }
            return node;
        }
        if (node.isTextual() && node.asText().startsWith("[") && node.asText().endsWith("]")) {
            return Templates.JSON.getNodeFactory().textNode(EXPRESSION);
        }
        return node;
    }

    private static String key(String type, String version) {
        return type.toLowerCase(Locale.ROOT) + "@" + version;
    }

    private static JsonNode read(Path file) {
        try {
            return Templates.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
