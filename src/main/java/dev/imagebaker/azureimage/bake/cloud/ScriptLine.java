package dev.imagebaker.azureimage.bake.cloud;

/** One line a script wrote, as it arrives: from its error stream or its output stream. */
public record ScriptLine(boolean error, String text) {
}
