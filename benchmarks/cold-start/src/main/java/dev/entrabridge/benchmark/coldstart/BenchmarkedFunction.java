package dev.entrabridge.benchmark.coldstart;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A function to time, read from a {@code functions/*.properties} spec and the classpath file the
 * script wrote for it (deployment package plus the Lambda runtime).
 *
 * @param name                name in the report
 * @param handler             {@code package.Class::method}
 * @param classpath           the child JVM's classpath
 * @param event               the event of the first invocation
 * @param expect              text the response must contain
 * @param environment         fixed extra variables ({@code env.NAME=value})
 * @param environmentProvider class of a {@code Supplier<Map<String, String>>} adding variables, if any
 */
record BenchmarkedFunction(String name, String handler, List<Path> classpath, String event, String expect,
                           Map<String, String> environment, Optional<String> environmentProvider) {

    static BenchmarkedFunction load(Path spec, Path classpathFile) throws IOException {
        Properties properties = properties(spec);
        Map<String, String> environment = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().filter(k -> k.startsWith("env.")).sorted()
                .forEach(k -> environment.put(k.substring("env.".length()), properties.getProperty(k)));
        Path event = spec.toAbsolutePath().getParent().resolve(required(properties, "event", spec));
        List<Path> classpath = Arrays.stream(Files.readString(classpathFile).strip().split(":"))
                .filter(entry -> !entry.isBlank()).map(Path::of).toList();
        return new BenchmarkedFunction(required(properties, "name", spec), required(properties, "handler", spec),
                classpath, Files.readString(event, StandardCharsets.UTF_8).strip(),
                required(properties, "expect", spec), environment,
                Optional.ofNullable(properties.getProperty("environment-provider")));
    }

    /** The event file a spec names, resolved against the spec's folder. */
    static Path eventFile(Path spec) throws IOException {
        return spec.toAbsolutePath().getParent().resolve(required(properties(spec), "event", spec)).normalize();
    }

    private static Properties properties(Path spec) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(spec, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    private static String required(Properties properties, String key, Path spec) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(spec + ": set " + key);
        }
        return value.strip();
    }
}
