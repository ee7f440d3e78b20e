package dev.imagebaker.azureimage.maven;

/** The {@code <test>} element of test-image. */
public class TestParameters {
    /** Number of test VMs, 1 to 10. */
    String count;
    /** Size of the test VMs; default: vmSize. */
    String vmSize;
    /** The test scripts, run in name order on every test VM; default src/test/image. */
    String scriptsDirectory;
    /** Limit for one test script; default PT30M. */
    String timeout;
    /** Skip the tests (also -DskipITs). */
    String skip;
}
