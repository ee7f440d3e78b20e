package dev.imagebaker.azureimage.bake;

import dev.imagebaker.azureimage.bake.run.Progress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Progress that keeps every line, for assertions. */
public final class RecordingProgress implements Progress {
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String line) {
        lines.add(line);
    }

    @Override
    public void warn(String line) {
        lines.add("WARN " + line);
    }

    @Override
    public void stepStarted(int number, int total, String title) {
        lines.add("[" + number + "/" + total + "] " + title);
    }

    @Override
    public void stepFinished(int number, int total, String title, Duration elapsed) {
        lines.add("[" + number + "/" + total + "] done " + title);
    }

    @Override
    public void stillWorking(String title, Duration elapsed) {
        lines.add("... still " + title);
    }

    public String all() {
        return String.join("\n", lines);
    }
}
