/**
 * Primitive open-addressing hash maps ({@code long -> long}, {@code long -> Object}) for the
 * exception tables, where a boxed map would cost several times the memory per exception.
 *
 * <p>Guarantees: the semantics of {@link java.util.Map} for the operations offered; not
 * thread-safe (callers hold the owning snapshot's lock). A leaf package.
 */
package dev.snapref.engine.util;
