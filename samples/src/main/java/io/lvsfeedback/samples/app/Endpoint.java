package io.lvsfeedback.samples.app;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** One path of the sample application; it always completes the callback. */
@FunctionalInterface
interface Endpoint {

    void serve(Request request, Response response, Callback callback) throws Exception;
}
