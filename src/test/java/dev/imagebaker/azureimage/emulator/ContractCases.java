package dev.imagebaker.azureimage.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** The scenario the contract cases run in: platform resources first, then compute on top of them. */
final class ContractCases {
    private final ContractRunner runner;
    private final String sub;

    ContractCases(ContractRunner runner, String sub) {
        this.runner = runner;
        this.sub = sub;
    }

    void runAll() throws Exception {
        PlatformContracts platform = new PlatformContracts(this, sub);
        platform.beforeCompute();
        new ComputeContracts(this, sub).run();
        platform.afterCompute();
    }

    /** Runs one example case. */
    JsonNode c(String operationId, String example, String method, String path, String body, Set<Integer> statuses,
               String shape, String... specExtras) throws Exception {
        return runner.run(new ContractRunner.Case(operationId, example, method, path, body, statuses, shape,
                Set.of(specExtras)));
    }

    /** A request the scenario needs that is no contract case of its own. */
    JsonNode setup(String method, String path, String body, int expected) throws Exception {
        return runner.send(method, path, body, expected);
    }
}
