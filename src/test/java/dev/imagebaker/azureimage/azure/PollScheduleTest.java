package dev.imagebaker.azureimage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The waits between polls: first when the operation typically ends, then backing off within bounds. */
class PollScheduleTest {

    private static List<Duration> waits(PollSchedule schedule, int n) {
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waits.add(schedule.next());
        }
        return waits;
    }

    @Test
    void aVmIsFirstLookedAtAfterAMinuteThenEveryFifteenToTwentySeconds() {
        // 15 s times 1.5 would be 22.5 s: capped at 20 s.
        assertThat(waits(new PollSchedule(PollSchedule.VM), 4)).containsExactly(Duration.ofSeconds(60),
                Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(20));
    }

    @Test
    void quickOperationsNeverPollMoreOftenThanTheFloor() {
        assertThat(waits(new PollSchedule(PollSchedule.QUICK), 4)).containsExactly(Duration.ofSeconds(3),
                PollSchedule.FLOOR, Duration.ofSeconds(3), Duration.ofMillis(4_500));
    }

    @Test
    void scriptsBackOffToTheirOwnCeiling() {
        assertThat(waits(new PollSchedule(PollSchedule.SCRIPT, Duration.ofSeconds(10)), 6)).containsExactly(
                Duration.ofSeconds(15), Duration.ofMillis(3_750), Duration.ofMillis(5_625),
                Duration.ofNanos(8_437_500_000L), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void aReplicationIsFirstLookedAtAfterFiveMinutes() {
        assertThat(waits(new PollSchedule(PollSchedule.REPLICATION), 2)).containsExactly(Duration.ofMinutes(5),
                PollSchedule.CEILING);
    }
}
