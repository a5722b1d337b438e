package dev.snapref.engine.inspect;

/** The kind of exception store a snapshot holds: persistent ({@code P}, {@code PO}) or transient ({@code N}). */
public enum StoreKind {
    PERSISTENT, TRANSIENT
}
