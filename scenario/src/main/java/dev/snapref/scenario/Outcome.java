package dev.snapref.scenario;

/**
 * How a command ended: {@code -> ok}, {@code -> error ENAME}, or {@code -> blocked} (I/O to a
 * suspended device, which a runner never issues).
 */
public sealed interface Outcome {
    Outcome OK = new Ok();
    Outcome BLOCKED = new Blocked();

    /** The text after {@code -> }. */
    String text();

    static Outcome error(Errno errno) {
        return new Error(errno);
    }

    /** Parses the text after {@code -> }; throws IllegalArgumentException when it is none of the three. */
    static Outcome parse(String text) {
        if (text.equals("ok")) {
            return OK;
        }
        if (text.equals("blocked")) {
            return BLOCKED;
        }
        if (text.startsWith("error ")) {
            return new Error(Errno.valueOf(text.substring(6)));
        }
        throw new IllegalArgumentException("not an outcome: " + text);
    }

    record Ok() implements Outcome {
        @Override
        public String text() {
            return "ok";
        }
    }

    record Blocked() implements Outcome {
        @Override
        public String text() {
            return "blocked";
        }
    }

    record Error(Errno errno) implements Outcome {
        @Override
        public String text() {
            return "error " + errno.name();
        }
    }
}
