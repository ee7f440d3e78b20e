package dev.imagebaker.azureimage.bake.run;

import java.time.Duration;

/** What a bake reports while it runs: one line per milestone, nothing animated. */
public interface Progress {
    void info(String line);

    void warn(String line);

    void stepStarted(int number, int total, String title);

    void stepFinished(int number, int total, String title, Duration elapsed);

    /** Azure is still working on the current step. */
    void stillWorking(String title, Duration elapsed);
}
