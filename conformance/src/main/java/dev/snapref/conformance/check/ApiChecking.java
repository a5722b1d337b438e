package dev.snapref.conformance.check;

import dev.snapref.model.WorldAbstraction;
import java.util.List;

/**
 * A candidate session that can check the answers of its own public Java API after a step: the
 * accessors a user of the implementation relies on but the transcript never prints (whether a
 * device is suspended, which devices exist, the order a listing promises, what a read returned).
 * {@link DifferentialChecker} asks after the refinement check passed, so the candidate's abstract
 * state equals {@code reference} when it is called; a disagreement fails the step as a
 * {@link FailureKind#REFINEMENT} failure (the API's answer is part of what the candidate claims
 * about its state).
 */
public interface ApiChecking {
    /**
     * Every disagreement of the API now (and of the step just applied) with {@code reference}, the
     * reference's abstract state after the same step, or with another route of the API to the
     * same fact; empty when all agree. Must not change the candidate's state or issue I/O.
     */
    List<ApiDisagreement> apiDisagreements(WorldAbstraction reference);
}
