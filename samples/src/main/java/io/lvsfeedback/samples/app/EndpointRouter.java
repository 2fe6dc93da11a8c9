package io.lvsfeedback.samples.app;

import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends each request to the endpoint registered for its exact path; any other path is not handled,
 * so Jetty answers 404. Endpoints may block (the work endpoint sleeps), hence a blocking handler.
 */
final class EndpointRouter extends Handler.Abstract {

    private final Map<String, Endpoint> endpoints;

    EndpointRouter(Map<String, Endpoint> endpoints) {
        this.endpoints = Map.copyOf(endpoints);
    }

    Set<String> paths() {
        return endpoints.keySet();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Endpoint endpoint = endpoints.get(Request.getPathInContext(request));
        if (endpoint == null) {
            return false;
        }
        endpoint.serve(request, response, callback);
        return true;
    }
}
