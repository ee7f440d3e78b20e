package dev.imagebaker.azureimage.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot work; thrown before anything is created in Azure. Lists every problem found. */
public final class ConfigException extends RuntimeException {
    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return "Invalid azure-image configuration: " + problems.get(0);
        }
        return "Invalid azure-image configuration (" + problems.size() + " problems):"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
