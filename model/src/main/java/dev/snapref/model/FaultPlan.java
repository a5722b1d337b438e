package dev.snapref.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which block requests to one disk fail, and how: the model's input for a faulted run (see
 * {@link BlockRequests}). A rule names a request by kind and per-kind index on {@link #disk}
 * ("write #3", "flush #0"); the request then fails with EIO and changes nothing, or, for a torn
 * write, lands its first {@code tornPrefix} sectors and then fails with EIO.
 *
 * <p>The text form ({@code write#3=EIO,flush#0=EIO,write#5=torn(2)}, or {@code none}) is the
 * engine's fault atlas form, so one line names the same faults for both.
 *
 * @param disk  the disk whose requests the rules count
 * @param rules at most one fires per request: the first that matches
 */
public record FaultPlan(String disk, List<Rule> rules) {
    private static final Pattern RULE =
            Pattern.compile("(read|write|flush)#(\\d{1,9})=(EIO|torn\\((\\d{1,9})\\))");

    public FaultPlan {
        rules = List.copyOf(rules);
    }

    /** No request of {@code disk} fails. */
    public static FaultPlan none(String disk) {
        return new FaultPlan(disk, List.of());
    }

    /**
     * One fault at one request.
     *
     * @param kind       the request kind
     * @param index      the request's index among the disk's requests of that kind (from 0)
     * @param tornPrefix for a torn write, the sectors that land before the EIO (at least 0);
     *                   negative for a plain EIO
     */
    public record Rule(RequestKind kind, int index, int tornPrefix) {
        public Rule {
            if (tornPrefix >= 0 && kind != RequestKind.WRITE) {
                throw new IllegalArgumentException("only a write can be torn");
            }
            if (index < 0) {
                throw new IllegalArgumentException("negative request index");
            }
        }

        /** EIO at the {@code index}-th request of {@code kind}. */
        public static Rule eio(RequestKind kind, int index) {
            return new Rule(kind, index, -1);
        }

        /** The {@code index}-th write lands its first {@code prefix} sectors, then fails with EIO. */
        public static Rule torn(int index, int prefix) {
            return new Rule(RequestKind.WRITE, index, Math.max(0, prefix));
        }

        public boolean torn() {
            return tornPrefix >= 0;
        }

        @Override
        public String toString() {
            return kind.word() + "#" + index + "=" + (torn() ? "torn(" + tornPrefix + ")" : "EIO");
        }
    }

    /** The rule for the {@code index}-th request of {@code kind}, or null. */
    public Rule ruleFor(RequestKind kind, int index) {
        for (Rule r : rules) {
            if (r.kind() == kind && r.index() == index) {
                return r;
            }
        }
        return null;
    }

    /** The rules as text, {@code none} when there are none. */
    public String rulesText() {
        if (rules.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (Rule r : rules) {
            sb.append(sb.length() == 0 ? "" : ",").append(r);
        }
        return sb.toString();
    }

    /**
     * Parses {@link #rulesText()}'s form for {@code disk}.
     *
     * @throws IllegalArgumentException naming the rule that is not {@code KIND#N=EIO|torn(P)}
     */
    public static FaultPlan parse(String disk, String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equals("none")) {
            return none(disk);
        }
        List<Rule> rules = new ArrayList<>();
        for (String part : t.split(",")) {
            Matcher m = RULE.matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("bad fault rule '" + part.strip()
                        + "' (expected KIND#N=EIO or write#N=torn(P), KIND read, write or flush)");
            }
            RequestKind kind = RequestKind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            int index = Integer.parseInt(m.group(2));
            rules.add(m.group(4) == null ? Rule.eio(kind, index) : Rule.torn(index, Integer.parseInt(m.group(4))));
        }
        return new FaultPlan(disk, rules);
    }

    @Override
    public String toString() {
        return disk + ": " + rulesText();
    }
}
