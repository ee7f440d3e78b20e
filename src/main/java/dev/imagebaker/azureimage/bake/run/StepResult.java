package dev.imagebaker.azureimage.bake.run;

/** What a step says about the rest of its plan. */
public enum StepResult {
    /** Go on with the next steps. */
    CONTINUE,
    /** Nothing more to do (e.g. a version baked from the same inputs exists): the plan ends here, successfully. */
    HALT
}
