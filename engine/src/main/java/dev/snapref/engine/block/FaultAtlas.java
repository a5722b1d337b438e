package dev.snapref.engine.block;

import java.util.List;

/**
 * When faults fire: a list of rules, each naming a request by kind and per-kind index
 * ("the 3rd write", "the 1st flush") on one device. Immutable; the same atlas on the same request
 * sequence fires the same faults, which makes a faulty run reproducible from its seed.
 *
 * @param rules the rules; at most one fires per request (the first that matches)
 */
public record FaultAtlas(List<Rule> rules) {
    /** No fault ever fires. */
    public static final FaultAtlas NONE = new FaultAtlas(List.of());

    public FaultAtlas {
        rules = List.copyOf(rules);
    }

    /**
     * One fault at one request.
     *
     * @param kind      the request kind it applies to
     * @param kindIndex the request's per-kind index on its device
     * @param fault     what happens instead (a torn write only applies to writes)
     */
    public record Rule(BlockOp.Kind kind, int kindIndex, Fault fault) {
        public Rule {
            if (fault.kind() == Fault.Kind.TORN_WRITE && kind != BlockOp.Kind.WRITE) {
                throw new IllegalArgumentException("only a write can be torn");
            }
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + "#" + kindIndex + "=" + fault;
        }
    }

    /** The fault for {@code op}, or null. */
    public Fault faultFor(BlockOp op) {
        for (Rule r : rules) {
            if (r.kind() == op.kind() && r.kindIndex() == op.kindIndex()) {
                return r.fault();
            }
        }
        return null;
    }

    /** The rules as text: {@code write#3=EIO,flush#0=EIO}; "none" when empty. */
    @Override
    public String toString() {
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
     * Parses {@link #toString()}'s form.
     *
     * @throws IllegalArgumentException naming the rule that is not {@code KIND#N=EIO|torn(P)}
     */
    public static FaultAtlas parse(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.equals("none")) {
            return NONE;
        }
        List<Rule> rules = new java.util.ArrayList<>();
        for (String part : t.split(",")) {
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(read|write|flush)#(\\d{1,9})=(EIO|torn\\((\\d{1,9})\\))").matcher(part.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("bad fault rule '" + part.strip()
                        + "' (expected KIND#N=EIO or write#N=torn(P), KIND read, write or flush)");
            }
            BlockOp.Kind kind = BlockOp.Kind.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
            Fault f = m.group(4) == null ? Fault.eio() : Fault.torn(Integer.parseInt(m.group(4)));
            rules.add(new Rule(kind, Integer.parseInt(m.group(2)), f));
        }
        return new FaultAtlas(rules);
    }
}
