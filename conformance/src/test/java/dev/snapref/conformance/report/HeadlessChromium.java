package dev.snapref.conformance.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools protocol (the JDK's WebSocket client, no other
 * library), for tests that check what a person sees in a real browser: load a page, evaluate
 * script in it, collect console errors, uncaught exceptions, failed loads and every request, and
 * take screenshots.
 *
 * <p>Found as {@code $SNAPREF_CHROMIUM}, {@code chromium}, {@code chromium-browser} or
 * {@code google-chrome} on the PATH ({@link #find}); tests skip when there is none. Limits: one
 * page per browser; a protocol call that gets no answer in 30 s fails the test.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on ws://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final BlockingQueue<Map<String, Object>> inbox = new LinkedBlockingQueue<>();
    /** Console errors, uncaught exceptions and failed loads, as lines. */
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    /** Every URL the page requested. */
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private int nextId = 1;
    /** Page loads seen. */
    private int loads;

    /** The browser to run: {@code $SNAPREF_CHROMIUM} or the first of the usual names on the PATH. */
    static Optional<Path> find() {
        String env = System.getenv("SNAPREF_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    HeadlessChromium(Path binary, int width, int height) throws IOException, InterruptedException {
        profile = Files.createTempDirectory("snapref-chromium");
        process = new ProcessBuilder(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--remote-allow-origins=*", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height, "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int port = port();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create(pageSocket(port)), new Listener()).join();
        call("Page.enable", "{}");
        call("Runtime.enable", "{}");
        call("Log.enable", "{}");
        call("Network.enable", "{}");
        call("Emulation.setDeviceMetricsOverride", "{\"width\": " + width + ", \"height\": " + height
                + ", \"deviceScaleFactor\": 1, \"mobile\": false}");
    }

    /** The DevTools port, from the line Chromium prints on stderr once it listens. */
    private int port() throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + WAIT.toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("chromium did not say where DevTools listens");
    }

    private static String pageSocket(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int attempt = 0; attempt < 50; attempt++) {
            String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (Object o : (List<?>) Json.parse(body)) {
                Map<?, ?> t = (Map<?, ?>) o;
                if ("page".equals(t.get("type"))) {
                    return (String) t.get("webSocketDebuggerUrl");
                }
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium has no page");
    }

    /** Calls DevTools method {@code method} with {@code params} (a JSON object); its result. */
    Map<?, ?> call(String method, String params) throws InterruptedException {
        int id = nextId++;
        socket.sendText("{\"id\": " + id + ", \"method\": " + JsonReport.str(method) + ", \"params\": " + params + "}",
                true).join();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> m = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) {
                continue;
            }
            if (m.get("id") instanceof Double d && d.intValue() == id) {
                if (m.get("error") != null) {
                    throw new IllegalStateException(method + " failed: " + m.get("error"));
                }
                return (Map<?, ?>) m.get("result");
            }
            event(m);
        }
        throw new IllegalStateException(method + ": no answer in " + WAIT);
    }

    /** Opens {@code page} and waits until it has loaded. */
    void open(Path page) throws InterruptedException {
        drain();
        int before = loads;
        call("Page.navigate", "{\"url\": " + JsonReport.str(page.toUri().toString()) + "}");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (loads > before) {
                return;
            }
            Map<String, Object> m = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (m != null) {
                event(m);
            }
        }
        throw new IllegalStateException(page + " did not load in " + WAIT);
    }

    /** The value of JavaScript expression {@code js} in the page (JSON-like: maps, lists, strings, numbers). */
    Object eval(String js) throws InterruptedException {
        Map<?, ?> r = call("Runtime.evaluate", "{\"expression\": " + JsonReport.str(js)
                + ", \"returnByValue\": true, \"awaitPromise\": true}");
        if (r.get("exceptionDetails") != null) {
            throw new IllegalStateException("script threw: " + r.get("exceptionDetails"));
        }
        return ((Map<?, ?>) r.get("result")).get("value");
    }

    /** Saves what the viewport shows as a PNG. */
    void screenshot(Path png) throws InterruptedException, IOException {
        Map<?, ?> r = call("Page.captureScreenshot", "{\"format\": \"png\"}");
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode((String) r.get("data")));
    }

    /** Console errors, uncaught exceptions and failed loads so far (events read up to now). */
    List<String> problems() throws InterruptedException {
        drain();
        return List.copyOf(problems);
    }

    /** Every URL requested so far. */
    List<String> requests() throws InterruptedException {
        drain();
        return List.copyOf(requests);
    }

    private void drain() throws InterruptedException {
        eval("0");
        Map<String, Object> m;
        while ((m = inbox.poll()) != null) {
            event(m);
        }
    }

    private void event(Map<String, Object> m) {
        Object method = m.get("method");
        Map<?, ?> p = m.get("params") instanceof Map<?, ?> x ? x : Map.of();
        if ("Page.loadEventFired".equals(method)) {
            loads++;
        } else if ("Runtime.exceptionThrown".equals(method)) {
            problems.add("uncaught: " + p.get("exceptionDetails"));
        } else if ("Runtime.consoleAPICalled".equals(method) && List.of("error", "warning", "assert")
                .contains(p.get("type"))) {
            problems.add("console " + p.get("type") + ": " + p.get("args"));
        } else if ("Log.entryAdded".equals(method) && p.get("entry") instanceof Map<?, ?> e
                && "error".equals(e.get("level"))) {
            problems.add("log: " + e.get("text") + " " + e.get("url"));
        } else if ("Network.loadingFailed".equals(method)) {
            problems.add("load failed: " + p.get("errorText"));
        } else if ("Network.requestWillBeSent".equals(method) && p.get("request") instanceof Map<?, ?> r) {
            requests.add(String.valueOf(r.get("url")));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            socket.abort();
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Collects whole text messages (a message may arrive in several frames) into the inbox. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbox.add((Map<String, Object>) Json.parse(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
