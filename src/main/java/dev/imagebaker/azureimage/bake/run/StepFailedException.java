package dev.imagebaker.azureimage.bake.run;

/**
 * A goal failed at one of its steps: which step, on which resource, the Azure error code when Azure answered one,
 * and the fix. The message reads as a whole sentence for the build log.
 */
public final class StepFailedException extends RuntimeException {
    private final String step;
    private final String resource;
    private final String azureCode;
    private final String problem;
    private final String fix;

    public StepFailedException(String step, String resource, String azureCode, String problem, String fix, Throwable cause) {
        super(message(step, resource, azureCode, problem, fix), cause);
        this.step = step;
        this.resource = resource;
        this.azureCode = azureCode;
        this.problem = problem;
        this.fix = fix;
    }

    private static String message(String step, String resource, String code, String problem, String fix) {
        StringBuilder m = new StringBuilder("Failed at step '").append(step).append("'");
        if (resource != null) {
            m.append(" on ").append(resource);
        }
        m.append(": ");
        if (code != null) {
            m.append("Azure error ").append(code).append(": ");
        }
        m.append(problem);
        if (fix != null) {
            m.append("\nFix: ").append(fix);
        }
        return m.toString();
    }

    public String step() {
        return step;
    }

    public String resource() {
        return resource;
    }

    public String azureCode() {
        return azureCode;
    }

    /** What went wrong, without step, resource, code or fix. */
    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
