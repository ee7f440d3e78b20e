package dev.imagebaker.azureimage.bake.run;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One step of a goal, on the goal's context C. A step that creates something pushes its cleanup before it starts
 * creating it (Packer's multistep), so a failure or Ctrl-C at any point leaves nothing behind.
 */
public interface Step<C> {
    /** What the step does and to which resources, for the progress line and for errors. */
    String title(C ctx);

    /** The resource the step works on, named in errors. */
    String resource(C ctx);

    StepResult run(C ctx);

    /** A step from a title, a resource and an action that always continues. */
    static <C> Step<C> of(Function<C, String> title, Function<C, String> resource, Consumer<C> action) {
        return new Step<>() {
            @Override
            public String title(C ctx) {
                return title.apply(ctx);
            }

            @Override
            public String resource(C ctx) {
                return resource.apply(ctx);
            }

            @Override
            public StepResult run(C ctx) {
                action.accept(ctx);
                return StepResult.CONTINUE;
            }
        };
    }
}
