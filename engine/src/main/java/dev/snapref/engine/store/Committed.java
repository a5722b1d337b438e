package dev.snapref.engine.store;

/**
 * A commit whose callback is due: the exception identified by {@code token} is durable if and only
 * if {@code success}.
 */
public record Committed(Object token, boolean success) {
}
