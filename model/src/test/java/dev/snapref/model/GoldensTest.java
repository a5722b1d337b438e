package dev.snapref.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wider golden corpus recorded on Linux 6.1 (testdata/goldens): the model reproduces each
 * transcript byte for byte, except scripts outside its documented scope, which must be refused
 * with {@link ModelLimitation} (never answered wrongly). None is outside it today: tables naming
 * mapped devices (stacks) are covered.
 */
class GoldensTest {
    private static final Set<String> OUT_OF_SCOPE = Set.of();

    static Stream<Path> goldens() {
        Path dir = TestData.kernelTranscripts().resolveSibling("goldens");
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".dms")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void modelReproducesGolden(Path script) {
        if (OUT_OF_SCOPE.contains(script.getFileName().toString())) {
            assertThrows(ModelLimitation.class, () -> Model.run(TestData.load(script)));
            return;
        }
        assertEquals(TestData.transcriptOf(script), Model.run(TestData.load(script)).render());
    }
}
