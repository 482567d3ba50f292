package dev.azevents.engine;

/** Who runs this pass: the Pacemaker node name and the Azure VM name ({@code compute.name}). */
public record NodeIdentity(String nodeName, String azName) {
}
