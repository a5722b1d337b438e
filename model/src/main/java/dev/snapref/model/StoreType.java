package dev.snapref.model;

/** The exception store type of a snapshot: persistent ({@code P}, {@code PO}) or transient ({@code N}). */
public enum StoreType {
    PERSISTENT, TRANSIENT
}
