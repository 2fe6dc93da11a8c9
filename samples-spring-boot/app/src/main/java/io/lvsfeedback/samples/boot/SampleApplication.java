package io.lvsfeedback.samples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring Boot sample real server: the Jetty sample's endpoints ({@code /}, {@code /work},
 * {@code /admin/cost}) and its {@code WorkCost} MXBean on embedded Tomcat, with Boot's defaults.
 * Settings are Boot's ({@code server.port}, {@code server.address}, {@code server.tomcat.threads.max})
 * plus {@code sample.name}.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
