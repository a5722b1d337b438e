package dev.snapref.conformance.report;

/**
 * Two texts a report shows side by side, differing lines marked ({@link SideBySide}): the
 * transcripts of two targets, or two abstract states (the model's and the engine's after the
 * failing step; or the model's before and after it, for an invariant).
 *
 * @param leftName  the left text's title ("model", "model before step 7")
 * @param left      the left text (lines separated by {@code \n})
 * @param rightName the right text's title ("engine", "recorded kernel")
 * @param right     the right text
 */
public record TextPair(String leftName, String left, String rightName, String right) {
    public TextPair {
        java.util.Objects.requireNonNull(leftName, "leftName");
        java.util.Objects.requireNonNull(left, "left");
        java.util.Objects.requireNonNull(rightName, "rightName");
        java.util.Objects.requireNonNull(right, "right");
    }

    /** Whether both texts are the same. */
    public boolean same() {
        return left.equals(right);
    }

    /** The same pair with {@code f} applied to both texts and titles (path rewriting). */
    TextPair map(java.util.function.UnaryOperator<String> f) {
        return new TextPair(f.apply(leftName), f.apply(left), f.apply(rightName), f.apply(right));
    }
}
