package io.lvsfeedback.samples.app;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Runs the sample application until the JVM is stopped. Settings: see {@link SampleAppConfig}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        SampleAppConfig config;
        try {
            config = SampleAppConfig.from(System.getProperties(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("sample app: " + e.getMessage());
            System.exit(2);
            return;
        }
        // The global registry records nothing until a registry is added to it.
        if (Metrics.globalRegistry.getRegistries().isEmpty()) {
            Metrics.addRegistry(new SimpleMeterRegistry());
        }
        SampleApp app = SampleApp.start(config, Metrics.globalRegistry);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "sample-app-shutdown"));
        app.join();
    }
}
