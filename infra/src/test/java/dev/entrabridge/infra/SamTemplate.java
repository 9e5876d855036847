package dev.entrabridge.infra;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SAM template as the code checks see it: its functions, the handler each names, and the environment each
 * gets (the {@code Globals} merged with its own), with parameter references resolved to their defaults.
 */
final class SamTemplate {

    static final String FUNCTION = "AWS::Serverless::Function";

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    static SamTemplate read(Path file) {
        return new SamTemplate(CloudFormationYaml.read(file));
    }

    JsonNode root() {
        return root;
    }

    /** Logical id → {@code Properties} of every serverless function. */
    Map<String, JsonNode> functions() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(e -> {
            if (FUNCTION.equals(e.getValue().path("Type").asText())) {
                out.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
        return out;
    }

    /** The variables a function runs with: the global ones, then its own (which win). */
    Map<String, JsonNode> environment(String function) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        root.path("Globals").path("Function").path("Environment").path("Variables").properties()
                .forEach(e -> env.put(e.getKey(), e.getValue()));
        functions().get(function).path("Environment").path("Variables").properties()
                .forEach(e -> env.put(e.getKey(), e.getValue()));
        return env;
    }

    /**
     * A function's environment as Lambda would hand it over: literals as written, {@code !Ref Parameter} as the
     * parameter's default or, for a parameter without one, the value in {@code answers} (what an operator passes).
     */
    Map<String, String> resolvedEnvironment(String function, Map<String, String> answers) {
        Map<String, String> env = new LinkedHashMap<>();
        environment(function).forEach((name, value) -> env.put(name, resolve(name, value, answers)));
        return env;
    }

    private String resolve(String variable, JsonNode value, Map<String, String> answers) {
        if (value.isValueNode()) {
            return value.asText();
        }
        String ref = value.path("Ref").asText(null);
        if (ref == null) {
            throw new IllegalStateException(variable + " is set by an expression these checks do not evaluate: " + value);
        }
        JsonNode parameter = root.path("Parameters").path(ref);
        if (parameter.has("Default")) {
            return parameter.get("Default").asText();
        }
        if (!answers.containsKey(ref)) {
            throw new IllegalStateException(variable + " refers to parameter " + ref + ", which has no default: answer it");
        }
        return answers.get(ref);
    }

    /**
     * What is wrong with the functions' handlers: each must be {@code Class::method} where the class is in the
     * deployment package (on this test's classpath, from {@code functions-aws}) with a public no-argument
     * constructor, as Lambda needs, and a public method of that name.
     */
    List<String> handlerProblems() {
        List<String> problems = new ArrayList<>();
        functions().forEach((id, properties) -> {
            String handler = properties.path("Handler").asText(root.path("Globals").path("Function").path("Handler").asText(""));
            String[] parts = handler.split("::", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                problems.add(id + ": Handler '" + handler + "' is not Class::method");
                return;
            }
            Class<?> type;
            try {
                type = Class.forName(parts[0], false, SamTemplate.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                problems.add(id + ": Handler class " + parts[0] + " is not in the deployment package");
                return;
            }
            boolean constructor = false;
            for (Constructor<?> c : type.getConstructors()) {
                constructor |= c.getParameterCount() == 0;
            }
            if (!constructor) {
                problems.add(id + ": " + parts[0] + " has no public no-argument constructor for Lambda to call");
            }
            boolean method = false;
            for (Method m : type.getMethods()) {
                method |= m.getName().equals(parts[1]) && !Modifier.isStatic(m.getModifiers());
            }
            if (!method) {
                problems.add(id + ": " + parts[0] + " has no public method " + parts[1]);
            }
        });
        return problems;
    }

    /** Every variable some function gets that no code reads. */
    List<String> unreadSettings(CodeSettings code) {
        List<String> problems = new ArrayList<>();
        functions().keySet().forEach(id -> environment(id).keySet().forEach(name -> {
            if (!code.reads(name)) {
                problems.add(id + ": " + name + " is read by no code of the deployment package");
            }
        }));
        return problems;
    }
}
