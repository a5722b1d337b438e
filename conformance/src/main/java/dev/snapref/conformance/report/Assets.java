package dev.snapref.conformance.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The style sheet and script {@code index.html} inlines ({@code report.css}, {@code report.js}
 * beside this class): the page needs no other file, no network and no external script or font.
 *
 * <p>Guarantee: the texts contain no {@code </} sequence that could close their element early and
 * no {@code http:} or {@code https:} reference ({@code ReportAssetsTest} checks both). The page
 * works without the script: it only adds filtering, sorting and copy buttons.
 */
final class Assets {
    private Assets() {
    }

    static String css() {
        return load("report.css");
    }

    static String js() {
        return load("report.js");
    }

    private static String load(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing beside " + Assets.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
