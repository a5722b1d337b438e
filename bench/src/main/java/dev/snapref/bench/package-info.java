/**
 * JMH benchmarks and the figures of {@code docs/benchmarks.md}: the engine's 4 KiB data path
 * against a raw copy, handover latency, exception-table memory, explorer and fuzz throughput,
 * scaling with threads. {@link dev.snapref.bench.BenchMain} runs them and prints each figure
 * beside its target ({@code ./snapref bench}).
 *
 * <p>Guarantees: figures are measurements, never gates (speed goals are shown here, not in timed
 * unit tests); {@code BenchSmokeTest} runs each benchmark once so a broken one fails the build.
 */
package dev.snapref.bench;
