package dev.snapref.conformance.report;

/**
 * A script whose transcripts differ between two kernels of a matrix.
 *
 * @param script      the script's label ({@code corpus NAME}, {@code explorer NAME}, {@code generated seed-N})
 * @param scriptText  the script as run
 * @param kernelA     the first kernel (the matrix's first, the reference)
 * @param kernelB     the other kernel
 * @param transcriptA kernel A's transcript
 * @param transcriptB kernel B's transcript
 * @param summary     where they first differ (step, script line, command)
 */
public record KernelDifference(String script, String scriptText, String kernelA, String kernelB, String transcriptA,
                               String transcriptB, String summary) {
}
