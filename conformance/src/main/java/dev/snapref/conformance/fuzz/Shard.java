package dev.snapref.conformance.fuzz;

/**
 * One shard {@code index/count} of a campaign: it runs the script indices {@code k} with
 * {@code k % count == index}, so shards never overlap and together cover the campaign.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard must be I/N with 0 <= I < N, got " + index + "/" + count);
        }
    }

    /** Parses {@code I/N}. */
    public static Shard parse(String text) {
        String[] p = text.split("/");
        if (p.length != 2 || !p[0].matches("[0-9]{1,9}") || !p[1].matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("shard must be I/N (e.g. 0/4), got '" + text + "'");
        }
        return new Shard(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    /** The {@code n}-th script index (0-based) this shard runs. */
    public long scriptIndex(long n) {
        return n * count + index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
