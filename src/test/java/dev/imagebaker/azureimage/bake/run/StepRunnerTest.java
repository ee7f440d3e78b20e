package dev.imagebaker.azureimage.bake.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebaker.azureimage.bake.RecordingProgress;
import dev.imagebaker.azureimage.bake.cloud.CloudException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The runner every goal uses: order, concurrency, halting, failures and cleanup. */
class StepRunnerTest {
    private final RecordingProgress progress = new RecordingProgress();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final StepRunner runner = new StepRunner(progress, d -> events.add("pause"), Duration.ofHours(1),
            Duration.ofSeconds(5), false, "delete it");

    private Step<Object> step(String name, Consumer<Object> action) {
        return Step.of(c -> name, c -> "resource " + name, c -> {
            events.add("start " + name);
            action.accept(c);
            events.add("end " + name);
        });
    }

    private Step<Object> creating(String name) {
        return step(name, c -> runner.cleanups().push(name, CleanupStack.When.ALWAYS, () -> events.add("delete " + name)));
    }

    @Test
    void runsStepsInOrderAndCleansUpInReverse() {
        Plan<Object> plan = new Plan<>();
        plan.then(creating("group"));
        plan.then(creating("vm"));
        RunOutcome outcome = runner.run(plan, new Object());
        assertThat(outcome.succeeded()).isTrue();
        assertThat(events).containsExactly("start group", "end group", "start vm", "end vm", "delete vm",
                "delete group");
        assertThat(progress.lines).contains("[1/2] group", "[2/2] vm");
        assertThat(outcome.stepTimes()).containsOnlyKeys("group", "vm");
    }

    /** A bake of many scripts chains many steps; each waits for all before it, which must stay cheap. */
    @Test
    void aPlanOfSixtyChainedStepsRuns() {
        Plan<Object> plan = new Plan<>();
        for (int i = 1; i <= 60; i++) {
            plan.then(step("step " + i, c -> { }));
        }
        RunOutcome outcome = runner.run(plan, new Object());
        assertThat(outcome.succeeded()).isTrue();
        assertThat(events).hasSize(120).startsWith("start step 1").endsWith("end step 60");
    }

    @Test
    void independentStepsRunAtTheSameTime() {
        // Each step waits for the other at the barrier: run one after the other, both would break it.
        CyclicBarrier both = new CyclicBarrier(2);
        Consumer<Object> meet = c -> {
            try {
                both.await(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other step never ran alongside", e);
            }
        };
        Plan<Object> plan = new Plan<>();
        Plan.Node<Object> first = plan.then(creating("group"));
        plan.after(step("gallery", meet), first);
        plan.after(step("vm", meet), first);
        plan.then(creating("capture"));
        RunOutcome outcome = runner.run(plan, new Object());
        assertThat(outcome.succeeded()).isTrue();
        assertThat(events.indexOf("start capture")).isGreaterThan(events.indexOf("end gallery"))
                .isGreaterThan(events.indexOf("end vm"));
    }

    @Test
    void aHaltingStepEndsThePlanSuccessfully() {
        Plan<Object> plan = new Plan<>();
        plan.then(creating("group"));
        plan.then(Step.of(c -> "find", c -> "r", c -> { }));
        plan.then(new Step<>() {
            @Override
            public String title(Object ctx) {
                return "reuse";
            }

            @Override
            public String resource(Object ctx) {
                return "r";
            }

            @Override
            public StepResult run(Object ctx) {
                runner.cleanups().push("half-made", CleanupStack.When.ON_FAILURE, () -> events.add("delete half"));
                return StepResult.HALT;
            }
        });
        plan.then(creating("vm"));
        RunOutcome outcome = runner.run(plan, new Object());
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.halted()).isTrue();
        assertThat(events).doesNotContain("start vm", "delete half").contains("delete group");
    }

    @Test
    void aFailureStopsThePlanNamesTheStepAndUndoesEverything() {
        Plan<Object> plan = new Plan<>();
        plan.then(creating("group"));
        plan.then(step("capture", c -> {
            runner.cleanups().push("version", CleanupStack.When.ON_FAILURE, () -> events.add("delete version"));
            throw new CloudException("AllocationFailed", 409, "No capacity.");
        }));
        plan.then(creating("never"));
        RunOutcome outcome = runner.run(plan, new Object());
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.failure()).hasMessageContaining("Failed at step 'capture' on resource capture")
                .hasMessageContaining("Azure error AllocationFailed: No capacity.")
                .hasMessageContaining("Fix: Azure has no capacity for this VM size");
        assertThat(events).doesNotContain("start never").endsWith("delete version", "delete group");
        assertThatThrownBy(() -> outcome.throwIfFailed(() -> "made", "x")).isSameAs(outcome.failure());
    }

    @Test
    void aFailureInterruptsTheStepsStillRunning() {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        Plan<Object> plan = new Plan<>();
        plan.after(step("slow", c -> {
            waiting.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                events.add("slow interrupted");
                throw new IllegalStateException(e);
            }
        }));
        plan.after(step("fails", c -> {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalArgumentException("bad");
        }));
        RunOutcome outcome = runner.run(plan, new Object());
        assertThat(events).contains("slow interrupted");
        assertThat(outcome.failure().step()).isEqualTo("fails");
    }

    @Test
    void aCleanupThatKeepsFailingIsReportedAsALeak() {
        Plan<Object> plan = new Plan<>();
        plan.then(step("group", c -> runner.cleanups().push("resource group g", CleanupStack.When.ALWAYS, () -> {
            throw new CloudException("Conflict", 409, "busy");
        })));
        RunOutcome outcome = runner.run(plan, new Object());
        assertThat(outcome.leaks()).containsExactly("resource group g");
        assertThat(events.stream().filter("pause"::equals)).hasSize(3);
        assertThatThrownBy(() -> outcome.throwIfFailed(() -> "The image version v was made", "az group delete -n g"))
                .hasMessageContaining("Failed at step 'cleanup' on resource group g")
                .hasMessageContaining("The image version v was made, but the temporary resources above could not be"
                        + " deleted").hasMessageContaining("az group delete -n g");
    }
}
