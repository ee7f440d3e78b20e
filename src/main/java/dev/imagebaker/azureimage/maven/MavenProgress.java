package dev.imagebaker.azureimage.maven;

import dev.imagebaker.azureimage.bake.run.Progress;
import dev.imagebaker.azureimage.config.Durations;
import java.time.Duration;
import org.apache.maven.plugin.logging.Log;

/** Bake progress as Maven log lines: one per milestone, nothing animated (fine under mvn -B). */
final class MavenProgress implements Progress {
    private final Log log;

    MavenProgress(Log log) {
        this.log = log;
    }

    @Override
    public void info(String line) {
        log.info(line);
    }

    @Override
    public void warn(String line) {
        log.warn(line);
    }

    @Override
    public void stepStarted(int number, int total, String title) {
        log.info("[" + number + "/" + total + "] " + title);
    }

    @Override
    public void stepFinished(int number, int total, String title, Duration elapsed) {
        log.info("[" + number + "/" + total + "] done in " + Durations.format(elapsed));
    }

    @Override
    public void stillWorking(String title, Duration elapsed) {
        log.info("      ... still working (" + Durations.format(elapsed) + "): " + title);
    }
}
