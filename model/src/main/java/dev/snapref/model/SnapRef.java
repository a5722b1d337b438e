package dev.snapref.model;

/** A reference to a snapshot target by its device and slot (canonical, so equal states compare equal). */
public record SnapRef(String device, Slot slot) {
}
