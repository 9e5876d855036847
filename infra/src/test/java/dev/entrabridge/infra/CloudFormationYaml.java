package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation/SAM YAML template with its short-form intrinsic functions in their long form, as
 * CloudFormation sees them: {@code !Ref X} → {@code {"Ref":"X"}}, {@code !GetAtt A.B} →
 * {@code {"Fn::GetAtt":["A","B"]}}, {@code !Sub …}, {@code !If […]} … → {@code {"Fn::Sub":…}}, {@code {"Fn::If":…}}.
 */
final class CloudFormationYaml {

    private CloudFormationYaml() {
    }

    static JsonNode read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader in = Files.newBufferedReader(file)) {
            Object tree = new Yaml(new IntrinsicFunctions(options)).load(in);
            return Templates.JSON.valueToTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** SnakeYAML's safe constructor plus every {@code !Function} tag of CloudFormation. */
    private static final class IntrinsicFunctions extends SafeConstructor {

        IntrinsicFunctions(LoaderOptions options) {
            super(options);
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String function = node.getTag().getValue().substring(1);
                    Object value;
                    if (node instanceof ScalarNode s) {
                        value = s.getValue();
                    } else if (node instanceof SequenceNode s) {
                        value = constructSequence(s);
                    } else if (node instanceof MappingNode m) {
                        value = constructMapping(m);
                    } else {
                        throw new IllegalStateException("unexpected YAML node " + node);
                    }
                    if (function.equals("Ref") || function.equals("Condition")) {
                        return Map.of(function, value);
                    }
                    if (function.equals("GetAtt") && value instanceof String s) {
                        int dot = s.indexOf('.');
                        value = List.of(s.substring(0, dot), s.substring(dot + 1));
                    }
                    return Map.of("Fn::" + function, value);
                }
            });
        }
    }
}
