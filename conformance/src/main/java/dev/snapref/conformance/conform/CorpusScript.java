package dev.snapref.conformance.conform;

import dev.snapref.scenario.Script;
import dev.snapref.scenario.Transcript;
import java.util.Optional;

/** A corpus scenario: the script and, when one was recorded on a real kernel, its transcript. */
public record CorpusScript(String name, Script script, Optional<Transcript> recorded) {
}
