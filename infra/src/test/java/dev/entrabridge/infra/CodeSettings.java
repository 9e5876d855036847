package dev.entrabridge.infra;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The setting names the code reads, taken from the compiled classes themselves: every string constant of the
 * configuration readers ({@code dev.entrabridge.config}) and of a deployment's adapter package. A name that is in
 * no constant pool is read by no code, so a template that sets it configures nothing. Downstream API
 * variables ({@code DownstreamApis__<api>__<Key>[__N]}) are read by prefix, their keys by lower-cased
 * name, which must be one of the reader's constants too.
 */
final class CodeSettings {

    static final String CONFIG_PACKAGE = "dev/entrabridge/config";
    private static final Pattern DOWNSTREAM = Pattern.compile("DownstreamApis__([A-Za-z0-9_-]+?)__(.+)");

    private final Set<String> constants;

    private CodeSettings(Set<String> constants) {
        this.constants = Set.copyOf(constants);
    }

    /** The constants of the configuration readers and of each adapter package given, e.g. {@code dev/entrabridge/lambda}. */
    static CodeSettings of(String... adapterPackages) {
        Set<String> all = new TreeSet<>(constantsOf(CONFIG_PACKAGE));
        for (String p : adapterPackages) {
            all.addAll(constantsOf(p));
        }
        return new CodeSettings(all);
    }

    /** Whether some code reads a variable or app setting of this name. */
    boolean reads(String name) {
        if (constants.contains(name)) {
            return true;
        }
        Matcher m = DOWNSTREAM.matcher(name);
        if (m.matches() && constants.contains("DownstreamApis__")) {
            // The reader lower-cases keys (.NET configuration is case-insensitive) and numbers list entries.
            String key = m.group(2).toLowerCase(Locale.ROOT).replaceAll("__[0-9]+$", "");
            return constants.contains(key);
        }
        return false;
    }

    Set<String> constants() {
        return constants;
    }

    private static Set<String> constantsOf(String packagePath) {
        Set<String> strings = new HashSet<>();
        List<URL> roots;
        try {
            roots = Collections.list(CodeSettings.class.getClassLoader().getResources(packagePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("no classes of " + packagePath + " on the test classpath");
        }
        for (URL root : roots) {
            for (byte[] type : classesUnder(root, packagePath)) {
                collect(type, strings);
            }
        }
        return strings;
    }

    private static List<byte[]> classesUnder(URL root, String packagePath) {
        try {
            if (root.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                    return files.filter(f -> f.toString().endsWith(".class")).map(CodeSettings::bytes).toList();
                }
            }
            JarFile jar = ((JarURLConnection) root.openConnection()).getJarFile();
            List<byte[]> out = new java.util.ArrayList<>();
            Enumeration<java.util.jar.JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                var e = entries.nextElement();
                String n = e.getName();
                if (n.startsWith(packagePath + "/") && n.endsWith(".class") && n.indexOf('/', packagePath.length() + 1) < 0) {
                    try (InputStream in = jar.getInputStream(e)) {
                        out.add(in.readAllBytes());
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** String literals loaded by code, and the values of {@code static final String} fields. */
    private static void collect(byte[] type, Set<String> into) {
        new ClassReader(type).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (value instanceof String s) {
                    into.add(s);
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof String s) {
                            into.add(s);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }
}
