package dev.imagebaker.azureimage.bake;

/** One step of the bake. A step that creates something pushes its cleanup before it creates it. */
interface Step {
    /** What the step does and to which resources, for the progress line and for errors. */
    String title(BakeContext ctx);

    /** The resource the step works on, named in errors. */
    String resource(BakeContext ctx);

    void run(BakeContext ctx);
}
