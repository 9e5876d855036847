package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads templates as data and writes deliberately broken copies of them for the tests that must see them fail. */
final class Templates {

    static final ObjectMapper JSON = new ObjectMapper();
    /** CloudFormation's short-form tags ({@code !Ref X}) are read as their plain values, which is all the checks need. */
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Templates() {
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every document of a multi-document YAML file (a Kubernetes manifest). */
    static List<JsonNode> yamlDocuments(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + text.substring(0, Math.min(400, text.length())), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A copy of {@code template} in {@code dir} (same file name, so relative references keep their meaning where
     * it matters) with {@code original} replaced once by {@code broken}; fails when the original text is not there,
     * so a break can never silently stop breaking anything.
     */
    static Path brokenCopy(Path template, Path dir, String original, String broken) {
        String text = read(template);
        int at = text.indexOf(original);
        if (at < 0) {
            throw new IllegalStateException(template.getFileName() + " no longer contains the text this break replaces: "
                    + original);
        }
        String changed = text.substring(0, at) + broken + text.substring(at + original.length());
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(template.getFileName()), changed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
