package dev.snapref.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 on the real failing report ({@link SampleReports#failing}): failures come first with
 * their reproducer inline, replay command, what failed and the states; and the folder is portable:
 * no file names the folder's own path, and in a copy on another path every link, reproducer path
 * and replay command of the four files names a file of the copy.
 */
class PortableReportTest {
    private static final Pattern HREF = Pattern.compile("href=\"([^\"#][^\"]*)\"");
    private static final Pattern MD_PATH = Pattern.compile("Reproducer `([^`]+)`");
    private static final Pattern REPLAY_FILE = Pattern.compile("(\\S+\\.dms)");

    @TempDir
    Path tmp;

    @Test
    void noReportFileNamesTheFolderItWasWrittenIn() throws Exception {
        Path dir = SampleReports.failing();
        for (String name : ReportFiles.NAMES) {
            String text = Files.readString(dir.resolve(name));
            assertFalse(text.contains(dir.toString()), name + " names " + dir);
            assertFalse(text.contains(dir.toRealPath().toString()), name + " names " + dir.toRealPath());
        }
    }

    @Test
    void inACopyElsewhereEveryLinkAndReproducerResolves() throws Exception {
        Path copy = SampleReports.copy(SampleReports.failing(), tmp.resolve("artifact unzipped"));
        List<String> paths = new ArrayList<>();
        matches(HREF, Files.readString(copy.resolve("index.html"))).forEach(h -> paths.add(URLDecoder.decode(
                h.replace("&amp;", "&"), StandardCharsets.UTF_8)));
        List<String> md = matches(MD_PATH, Files.readString(copy.resolve("report.md")));
        assertFalse(md.isEmpty(), "report.md names reproducers");
        paths.addAll(md);
        for (Map<?, ?> d : details(copy)) {
            Map<?, ?> r = (Map<?, ?>) d.get("reproducer");
            if (r != null) {
                paths.add((String) r.get("path"));
                paths.addAll(matches(REPLAY_FILE, (String) r.get("replay")));
            }
        }
        assertTrue(paths.size() >= 4, "links found: " + paths);
        for (String p : paths) {
            assertFalse(Path.of(p).isAbsolute(), "relative: " + p);
            assertTrue(Files.isRegularFile(copy.resolve(p)), "resolves in the copy: " + p);
        }
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(
                Files.readAllBytes(copy.resolve("junit.xml"))));
    }

    @Test
    void everyFailingClauseComesFirstWithItsReproducerReplayAndWhatFailed() throws Exception {
        Path dir = SampleReports.failing();
        String html = Files.readString(dir.resolve("index.html"));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(html.indexOf("id=\"failures\"") < html.indexOf("id=\"summary\"")
                && html.indexOf("id=\"summary\"") < html.indexOf("id=\"clauses\""), "failures first in index.html");
        assertTrue(md.indexOf("### \u274c COW-1") < md.indexOf("### Summary"), "failures first in report.md");
        assertTrue(md.length() <= MarkdownReport.LIMIT, "report.md fits a PR comment");
        Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("report.json")));
        int failing = 0;
        for (Object o : (List<?>) json.get("clauses")) {
            Map<?, ?> c = (Map<?, ?>) o;
            if (!"FAIL".equals(c.get("status"))) {
                continue;
            }
            failing++;
            Map<?, ?> d = best((List<?>) c.get("details"));
            assertNotNull(d.get("reproducer"), c.get("id") + " has a reproducer");
            String script = (String) ((Map<?, ?>) d.get("reproducer")).get("script");
            assertTrue(script.contains("dmsetup create"), "inline script: " + script);
            assertFalse(((String) d.get("fact")).isEmpty(), c.get("id") + " says what failed");
            assertTrue(html.contains("id=\"fail-" + c.get("id") + "\""), "a block for " + c.get("id"));
            assertTrue(md.contains("### \u274c " + c.get("id")), "a section for " + c.get("id"));
        }
        assertTrue(failing >= 1, "origin-write-skips-snapshot fails COW-1 (and what the time-bounded fault modes find)");
        Map<?, ?> cow = best(clause(json, "COW-1"));
        assertEquals("REFINEMENT", cow.get("kind"));
        Map<?, ?> states = (Map<?, ?>) cow.get("states");
        assertFalse(states.get("left").equals(states.get("right")), "the two abstract states differ: " + states);
        assertTrue(((String) states.get("leftName")).startsWith("model") && ((String) states.get("rightName"))
                .startsWith("engine"), states.toString());
        assertNotNull(cow.get("transcripts"), "the transcripts of the re-run");
        assertTrue(((String) ((Map<?, ?>) cow.get("reproducer")).get("replay")).startsWith("./snapref replay reproducers/"));
    }

    private static List<?> clause(Map<?, ?> json, String id) {
        for (Object o : (List<?>) json.get("clauses")) {
            if (id.equals(((Map<?, ?>) o).get("id"))) {
                return (List<?>) ((Map<?, ?>) o).get("details");
            }
        }
        throw new AssertionError("no clause " + id);
    }

    /** The detail a report shows first: one with a reproducer, the shortest. */
    private static Map<?, ?> best(List<?> details) {
        return details.stream().map(d -> (Map<?, ?>) d).filter(d -> d.get("reproducer") != null)
                .min(java.util.Comparator.comparingDouble(d -> (Double) ((Map<?, ?>) d.get("reproducer"))
                        .get("shrunkSteps"))).orElseThrow(() -> new AssertionError("no reproducer in " + details));
    }

    private static List<Map<?, ?>> details(Path dir) throws Exception {
        Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(dir.resolve("report.json")));
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object c : (List<?>) json.get("clauses")) {
            ((List<?>) ((Map<?, ?>) c).get("details")).forEach(d -> out.add((Map<?, ?>) d));
        }
        return out;
    }

    private static List<String> matches(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
