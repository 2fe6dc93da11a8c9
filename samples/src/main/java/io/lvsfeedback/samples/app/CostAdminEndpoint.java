package io.lvsfeedback.samples.app;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code /admin/cost}: GET shows the current work cost; POST changes it from query parameters
 * ({@code POST /admin/cost?cpu-ms=20&latency-ms=200&error-rate=0.1}; parameters left out keep their
 * value; {@code reset=true} alone goes back to no extra work). A bad parameter gets 400 naming it,
 * and the cost stays as it was. A change's answer carries {@value #APPLIED_AT_HEADER}: the server's
 * wall clock (epoch ms) when the new cost took effect, so a benchmark times the step from the moment
 * it happened, not from when its request was sent (it may wait behind the server's queue for seconds).
 */
final class CostAdminEndpoint implements Endpoint {

    static final String APPLIED_AT_HEADER = "X-Cost-Applied-At-Ms";

    private final WorkCostSetting cost;

    CostAdminEndpoint(WorkCostSetting cost) {
        this.cost = cost;
    }

    @Override
    public void serve(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (HttpMethod.GET.is(method)) {
            PlainText.send(response, callback, 200, cost.get().describe() + "\n");
        } else if (HttpMethod.POST.is(method)) {
            change(request, response, callback);
        } else {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
            PlainText.send(response, callback, 405, "method " + method + " not allowed, use GET or POST\n");
        }
    }

    private void change(Request request, Response response, Callback callback) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field field : fields) {
            parameters.put(field.getName(), field.getValue());
        }
        try {
            WorkCost updated = cost.change(parameters);
            response.getHeaders().put(APPLIED_AT_HEADER, Long.toString(System.currentTimeMillis()));
            PlainText.send(response, callback, 200, updated.describe() + "\n");
        } catch (IllegalArgumentException e) {
            PlainText.send(response, callback, 400, "bad request: " + e.getMessage() + "\n");
        }
    }
}
