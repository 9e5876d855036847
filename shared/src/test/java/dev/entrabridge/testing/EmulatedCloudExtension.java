package dev.entrabridge.testing;

import com.microsoft.aad.msal4j.ConfiguredManagedIdentityEnvironment;
import dev.entrabridge.emulator.cloud.EmulatedCloud;
import dev.entrabridge.emulator.cloud.MutableClock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Runs each test (or, with {@link #perClass}, each test class) in a freshly started
 * {@link EmulatedCloud}, by default on a {@link MutableClock} that the emulators and the bridge
 * share, with an {@link EmulatedDeployment} writing its files to a temporary directory, and stops
 * and deletes it all afterwards. Tests read them from the extension or take them as parameters.
 */
public final class EmulatedCloudExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final UnaryOperator<EmulatedCloud.Builder> options;
    private final boolean perClass;
    private World world;

    private record World(EmulatedCloud cloud, EmulatedDeployment bridge, Path dir) { }

    /** The standard world for every test; what {@code @ExtendWith(EmulatedCloudExtension.class)} uses. */
    public EmulatedCloudExtension() {
        this(b -> b, false);
    }

    private EmulatedCloudExtension(UnaryOperator<EmulatedCloud.Builder> options, boolean perClass) {
        this.options = options;
        this.perClass = perClass;
    }

    /**
     * A world per test with these options, for an instance field:
     * {@code @RegisterExtension final EmulatedCloudExtension world = perTest(EmulatedCloud.Builder::secondTenant);}
     */
    public static EmulatedCloudExtension perTest(UnaryOperator<EmulatedCloud.Builder> options) {
        return new EmulatedCloudExtension(options, false);
    }

    /** One world for all tests of a class, for a {@code static} {@code @RegisterExtension} field. */
    public static EmulatedCloudExtension perClass(UnaryOperator<EmulatedCloud.Builder> options) {
        return new EmulatedCloudExtension(options, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClass) {
            world = start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            world = start();
        } else if (world == null) {
            throw new IllegalStateException("a perClass EmulatedCloudExtension must be registered on a static field");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (perClass) {
            stop();
        }
    }

    public EmulatedCloud cloud() {
        return current().cloud();
    }

    /**
     * The clock of the emulators, which the bridge's token services built by {@link #bridge()} share;
     * unavailable when the options gave the cloud another clock (e.g. the system clock, for a bridge
     * that runs in real time).
     */
    public MutableClock clock() {
        if (!(cloud().clock() instanceof MutableClock)) {
            throw new IllegalStateException("this cloud runs on " + cloud().clock() + ", not on a MutableClock");
        }
        return (MutableClock) cloud().clock();
    }

    /** The bridge's configuration for this cloud, and the core built from it. */
    public EmulatedDeployment bridge() {
        return current().bridge();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmulatedCloud.class || type == MutableClock.class || type == EmulatedDeployment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmulatedCloud.class ? cloud() : type == MutableClock.class ? clock() : bridge();
    }

    private World current() {
        if (world == null) {
            throw new IllegalStateException("the emulated cloud runs only while a test does");
        }
        return world;
    }

    private World start() {
        EmulatedCloud cloud = options.apply(EmulatedCloud.builder().clock(MutableClock.startingNow())).start();
        try {
            Path dir = Files.createTempDirectory("emulated-cloud");
            return new World(cloud, EmulatedDeployment.of(cloud, dir), dir);
        } catch (IOException | RuntimeException e) {
            cloud.close();
            throw e instanceof IOException ? new UncheckedIOException((IOException) e) : (RuntimeException) e;
        }
    }

    private void stop() {
        World w = world;
        world = null;
        if (w == null) {
            return;
        }
        w.cloud().close();
        // The managed-identity environment handed MSAL this cloud's endpoint; give MSAL the process's back.
        ConfiguredManagedIdentityEnvironment.reset();
        try (Stream<Path> files = Files.walk(w.dir())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + w.dir(), e);
        }
    }
}
