package dev.entrabridge.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.BlobInput;
import com.microsoft.azure.functions.annotation.BlobOutput;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What the Functions host does for these tests, from the same annotations the Maven plugin turns into
 * {@code function.json}: route a request under the {@code api} prefix to the function whose route template
 * and methods match (else the host's own 404, as for a method a function does not declare), create a new
 * function object for every invocation as the Java worker does, and fill the bindings — the trigger, the blob
 * input from {@code storage}, the blob output into it after the invocation succeeded, the invocation context.
 * Two hosts sharing one {@code storage} are two instances of one app.
 */
final class FunctionHost {

    private record Function(String name, Method method, Supplier<?> factory, Pattern route, List<String> methods) { }

    private final Map<String, String> storage;
    private final List<Function> functions = new ArrayList<>();

    /**
     * @param storage  the app's storage account: blob path → content
     * @param classes  each function class with how the worker instantiates it
     */
    FunctionHost(Map<String, String> storage, Map<Class<?>, Supplier<?>> classes) {
        this.storage = storage;
        classes.forEach((type, factory) -> Arrays.stream(type.getMethods())
                .filter(m -> m.isAnnotationPresent(FunctionName.class))
                .forEach(m -> functions.add(function(m, factory))));
    }

    private static Function function(Method method, Supplier<?> factory) {
        String name = method.getAnnotation(FunctionName.class).value();
        for (Parameter p : method.getParameters()) {
            HttpTrigger http = p.getAnnotation(HttpTrigger.class);
            if (http != null) {
                String regex = Arrays.stream(http.route().split("/"))
                        .map(segment -> segment.matches("\\{[A-Za-z]+}") ? "[^/]+" : Pattern.quote(segment))
                        .reduce((a, b) -> a + "/" + b).orElseThrow();
                return new Function(name, method, factory, Pattern.compile("/" + HttpMessages.ROUTE_PREFIX + "/" + regex,
                        Pattern.CASE_INSENSITIVE), Arrays.stream(http.methods()).map(HttpMethod::name).toList());
            }
        }
        return new Function(name, method, factory, null, List.of());
    }

    /** Serves one HTTP request as the host would. */
    FakeHttpResponse http(String method, String url, Map<String, String> headers, byte[] body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            // An invalid request target never becomes an invocation.
            return FakeHttpResponse.hostAnswer(400);
        }
        String path = uri.getRawPath();
        Optional<Function> match = functions.stream()
                .filter(f -> f.route() != null && f.route().matcher(path).matches() && f.methods().contains(method))
                .findFirst();
        if (match.isEmpty()) {
            return FakeHttpResponse.hostAnswer(404);
        }
        FakeHttpRequest request = new FakeHttpRequest(method, uri, headers, body);
        return (FakeHttpResponse) invoke(match.get(), request, new FakeExecutionContext(match.get().name()));
    }

    /** Fires a timer function, as its schedule would. */
    void timer(String name, FakeExecutionContext context) {
        Function f = functions.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        if (Arrays.stream(f.method().getParameters()).noneMatch(p -> p.isAnnotationPresent(TimerTrigger.class))) {
            throw new IllegalArgumentException(name + " is not a timer function");
        }
        invoke(f, "{\"isPastDue\":false}", context);
    }

    private Object invoke(Function f, Object trigger, ExecutionContext context) {
        Parameter[] parameters = f.method().getParameters();
        Object[] args = new Object[parameters.length];
        List<Runnable> afterSuccess = new ArrayList<>();
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            if (p.isAnnotationPresent(HttpTrigger.class) || p.isAnnotationPresent(TimerTrigger.class)) {
                args[i] = trigger;
            } else if (p.isAnnotationPresent(BlobInput.class)) {
                args[i] = storage.get(p.getAnnotation(BlobInput.class).path());
            } else if (p.isAnnotationPresent(BlobOutput.class)) {
                Output output = new Output();
                args[i] = output;
                String path = p.getAnnotation(BlobOutput.class).path();
                afterSuccess.add(() -> {
                    if (output.value != null) {
                        storage.put(path, output.value);
                    }
                });
            } else if (p.getType() == ExecutionContext.class) {
                args[i] = context;
            } else {
                throw new IllegalStateException(f.name() + " has a parameter the host cannot bind: " + p);
            }
        }
        try {
            Object result = f.method().invoke(f.factory().get(), args);
            afterSuccess.forEach(Runnable::run);
            return result;
        } catch (InvocationTargetException e) {
            if (trigger instanceof HttpRequestMessage) {
                // The host answers a function that threw with a bare 500.
                return FakeHttpResponse.hostAnswer(500);
            }
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                    : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A blob output binding: what the function sets is written when the invocation succeeds. */
    private static final class Output implements OutputBinding<String> {
        private String value;

        @Override
        public String getValue() {
            return value;
        }

        @Override
        public void setValue(String v) {
            value = v;
        }
    }
}
