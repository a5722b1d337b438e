package dev.snapref.model;

import dev.snapref.scenario.TranscriptStep;

/** One step of the model: the next state and the exact transcript step the command prints. */
public record ModelTransition(ModelState next, TranscriptStep step) {
}
