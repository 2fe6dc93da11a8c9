package io.lvsfeedback.samples.app;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code /}: says which real server answered, so a client behind the VIP can tell them apart. */
final class IdentityEndpoint implements Endpoint {

    private final String serverName;

    IdentityEndpoint(String serverName) {
        this.serverName = serverName;
    }

    @Override
    public void serve(Request request, Response response, Callback callback) {
        PlainText.send(response, callback, 200, "server=" + serverName + "\n");
    }
}
