package dev.snapref.conformance.conform;

import dev.snapref.engine.DeviceMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.analysis.ICounter;
import org.jacoco.core.data.ExecutionDataReader;
import org.jacoco.core.data.ExecutionDataStore;
import org.jacoco.core.data.SessionInfoStore;

/**
 * The engine's line coverage, per phase, from the JaCoCo agent when the JVM runs with it
 * ({@code ./snapref} loads {@code cli/target/jacocoagent.jar} with {@code includes=dev.snapref.engine.*}):
 * at each phase's end the agent's execution data is taken and reset, and the engine's classes
 * (read from where {@link DeviceMapper} was loaded) are analysed against it.
 *
 * <p>Guarantees: never throws — without the agent (tests, a plain {@code java -jar}) or when the
 * data cannot be read, {@link #take} is empty and the report says the lines were not measured.
 * Limits: lines of the engine's main classes only; a line counts as covered when JaCoCo saw any
 * of its instructions run; work between phases counts for the phase that just ended.
 */
final class EngineLines {
    /** Covered and total lines of the engine. */
    record Lines(long covered, long total) {
        String percent() {
            return total == 0 ? "-" : String.format("%.1f%%", 100.0 * covered / total);
        }

        @Override
        public String toString() {
            return percent() + " (" + covered + "/" + total + " lines)";
        }
    }

    private final Object agent;
    private final ExecutionDataStore all = new ExecutionDataStore();
    private List<byte[]> classes;

    private EngineLines(Object agent) {
        this.agent = agent;
    }

    /** The probe of this JVM (inert when no JaCoCo agent runs). */
    static EngineLines probe() {
        try {
            Class<?> rt = Class.forName("org.jacoco.agent.rt.RT");
            return new EngineLines(rt.getMethod("getAgent").invoke(null));
        } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
            return new EngineLines(null);
        }
    }

    boolean measuring() {
        return agent != null;
    }

    /** The lines run since the last call (empty without the agent); resets the agent's data. */
    Optional<Lines> take() {
        if (agent == null) {
            return Optional.empty();
        }
        try {
            byte[] data = (byte[]) agent.getClass().getMethod("getExecutionData", boolean.class).invoke(agent, true);
            ExecutionDataStore store = new ExecutionDataStore();
            ExecutionDataReader reader = new ExecutionDataReader(new ByteArrayInputStream(data));
            reader.setExecutionDataVisitor(d -> {
                store.put(d);
                all.visitClassExecution(d);
            });
            reader.setSessionInfoVisitor(new SessionInfoStore());
            reader.read();
            return Optional.of(analyse(store));
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** All lines run since the probe started (empty without the agent). */
    Optional<Lines> total() {
        if (agent == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(analyse(all));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Lines analyse(ExecutionDataStore store) throws IOException {
        CoverageBuilder builder = new CoverageBuilder();
        Analyzer analyzer = new Analyzer(store, builder);
        for (byte[] c : engineClasses()) {
            analyzer.analyzeClass(c, "engine");
        }
        ICounter lines = builder.getBundle("engine").getLineCounter();
        return new Lines(lines.getCoveredCount(), lines.getTotalCount());
    }

    private List<byte[]> engineClasses() throws IOException {
        if (classes != null) {
            return classes;
        }
        List<byte[]> out = new ArrayList<>();
        Path where;
        try {
            where = Path.of(DeviceMapper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException(e);
        }
        if (Files.isDirectory(where)) {
            try (Stream<Path> s = Files.walk(where.resolve("dev/snapref/engine"))) {
                for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    out.add(Files.readAllBytes(p));
                }
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                Enumeration<JarEntry> e = jar.entries();
                while (e.hasMoreElements()) {
                    JarEntry x = e.nextElement();
                    if (x.getName().startsWith("dev/snapref/engine/") && x.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(x)) {
                            out.add(in.readAllBytes());
                        }
                    }
                }
            }
        }
        classes = out;
        return out;
    }
}
