package dev.snapref.conformance.guard;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a reproducer and a report line say about a throwable: its class, the first line of its
 * message, and its top frames in the engine ({@code dev.snapref.engine.*}), or its top frames
 * overall when none is in the engine (a throw in the checker, the model or a test's planted
 * target). Made from the throwable itself or from its printed stack trace (a CRASH failure's
 * detail), with the same result.
 *
 * <p>Guarantees: never throws, whatever the throwable or text; the message is one line of at most
 * {@value #MAX_MESSAGE} characters; at most {@value #MAX_FRAMES} frames. Wrappers that only carry
 * a cause ({@link ExecutionException}, {@link CompletionException},
 * {@link InvocationTargetException}, {@link UndeclaredThrowableException}) are looked through.
 *
 * @param className    the throwable's class, fully qualified
 * @param message      first line of its message ("" when none)
 * @param frames       top frames, each {@code CLASS.METHOD(FILE:LINE)}
 * @param engineFrames whether {@code frames} are the engine's (else the top frames overall)
 */
public record ThrowableDigest(String className, String message, List<String> frames, boolean engineFrames) {
    static final int MAX_FRAMES = 6;
    static final int MAX_MESSAGE = 300;
    private static final String ENGINE = "dev.snapref.engine.";

    public ThrowableDigest {
        frames = List.copyOf(frames);
    }

    /** The digest of {@code t} (of its cause, for a wrapper). */
    public static ThrowableDigest of(Throwable t) {
        Throwable x = unwrap(t);
        List<String> all = new ArrayList<>();
        for (StackTraceElement e : x.getStackTrace()) {
            all.add(e.toString());
        }
        return new ThrowableDigest(x.getClass().getName(), firstLine(x.getMessage()), top(all), hasEngine(all));
    }

    /** The digest of a printed stack trace ({@code Throwable.printStackTrace}); the first cause only. */
    public static ThrowableDigest parse(String stackText) {
        String text = stackText == null ? "" : stackText;
        int at = text.indexOf("\n\tat ");
        String head = at < 0 ? text.strip() : text.substring(0, at).strip();
        int colon = head.indexOf(": ");
        String cls = colon < 0 ? firstLine(head) : head.substring(0, colon);
        String msg = colon < 0 ? "" : firstLine(head.substring(colon + 2));
        List<String> all = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("Caused by:") || l.startsWith("Suppressed:")) {
                break;
            }
            if (l.startsWith("at ")) {
                all.add(l.substring(3));
            }
        }
        return new ThrowableDigest(cls.isEmpty() ? "unknown" : cls, msg, top(all), hasEngine(all));
    }

    /** {@code CLASS: MESSAGE}, or the class alone. */
    public String headline() {
        return message.isEmpty() ? className : className + ": " + message;
    }

    /** The simple class name. */
    public String simpleName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /**
     * What "throws the same way" means when a crash is shrunk: the same class and the same first
     * frame's method (its line may move as the script shrinks).
     */
    public String signature() {
        String top = frames.isEmpty() ? "?" : frames.get(0);
        int paren = top.indexOf('(');
        return simpleName() + "@" + (paren < 0 ? top : top.substring(0, paren));
    }

    /** Header lines for a reproducer, without the comment mark. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("exception: " + className);
        out.add("message: " + (message.isEmpty() ? "(none)" : message));
        out.add((engineFrames ? "engine frames:" : "top frames (none in the engine):"));
        frames.forEach(f -> out.add("  at " + f));
        return out;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable x = t;
        for (int i = 0; i < 8 && x.getCause() != null && (x instanceof ExecutionException
                || x instanceof CompletionException || x instanceof InvocationTargetException
                || x instanceof UndeclaredThrowableException); i++) {
            x = x.getCause();
        }
        return x;
    }

    private static List<String> top(List<String> all) {
        List<String> engine = all.stream().filter(f -> f.startsWith(ENGINE)).limit(MAX_FRAMES).toList();
        return engine.isEmpty() ? all.stream().limit(MAX_FRAMES).toList() : engine;
    }

    private static boolean hasEngine(List<String> all) {
        return all.stream().anyMatch(f -> f.startsWith(ENGINE));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
