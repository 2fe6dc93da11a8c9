package io.lvsfeedback.samples.app;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /work}: a request that costs what the current {@link WorkCost} says (CPU, latency,
 * errors). The answer names the server, so the load generator knows who served it.
 */
final class WorkEndpoint implements Endpoint {

    private final String serverName;
    private final WorkCostSetting cost;
    private final WorkSimulator simulator;

    WorkEndpoint(String serverName, WorkCostSetting cost, WorkSimulator simulator) {
        this.serverName = serverName;
        this.cost = cost;
        this.simulator = simulator;
    }

    @Override
    public void serve(Request request, Response response, Callback callback) throws Exception {
        WorkCost spent = cost.get();
        boolean fail = simulator.perform(spent);
        if (fail) {
            PlainText.send(response, callback, 500, "server=" + serverName + " error=injected\n");
        } else {
            PlainText.send(response, callback, 200, "server=" + serverName + " work=done " + spent.describe() + "\n");
        }
    }
}
