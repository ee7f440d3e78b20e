package dev.imagebaker.azureimage.emulator;

/** The status and result URLs that long-running operations hand out. */
final class OperationsApi implements ResourceApi {
    private final CloudState cloud;

    OperationsApi(CloudState cloud) {
        this.cloud = cloud;
    }

    @Override
    public void register(Router router) {
        router.add("GET", "/subscriptions/{sub}/providers/{ns}/locations/{loc}/operations/{id}", this::status);
        router.add("GET", "/subscriptions/{sub}/providers/{ns}/locations/{loc}/operationResults/{id}", this::result);
    }

    private Operations.Op find(Router.Params p) {
        Operations.Op op = cloud.operations.get(p.get("id"));
        if (op == null) {
            throw new ArmException(404, "OperationNotFound",
                    "The operation '" + p.get("id") + "' could not be found.");
        }
        return op;
    }

    private ArmResponse status(ArmRequest req, Router.Params p) {
        Operations.Op op = find(p);
        return cloud.withRetryAfter(ArmResponse.ok(cloud.operations.statusBody(op)), op);
    }

    /** 202 while running; then the result (200), nothing (204, or 200 for an action), or the error. */
    private ArmResponse result(ArmRequest req, Router.Params p) {
        Operations.Op op = find(p);
        if (!op.done()) {
            return cloud.withRetryAfter(ArmResponse.status(202)
                    .header("Location", cloud.operations.resultUrl(req.baseUrl(), op, req.apiVersion())), op);
        }
        if (op.error != null) {
            return new ArmResponse(409, op.error.toBody());
        }
        return op.result == null ? ArmResponse.status(op.emptyResultStatus) : ArmResponse.ok(op.result);
    }
}
