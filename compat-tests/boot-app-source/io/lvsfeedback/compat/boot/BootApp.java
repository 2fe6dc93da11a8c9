package io.lvsfeedback.compat.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A default Spring Boot web application: one endpoint that sleeps a given time. */
@SpringBootApplication
@RestController
public class BootApp {
    public static void main(String[] args) {
        SpringApplication.run(BootApp.class, args);
    }

    @GetMapping("/sleep")
    public String sleep(@RequestParam(defaultValue = "0") long ms) throws InterruptedException {
        Thread.sleep(ms);
        return "slept " + ms + "\n";
    }

    /** The line the test waits for, with the port Boot picked ({@code server.port=0}). */
    @EventListener
    public void ready(ApplicationReadyEvent e) {
        // local.server.port: the same in Boot 3 and 4 (whose WebServerApplicationContext moved)
        System.out.println("APP-READY port=" + e.getApplicationContext().getEnvironment().getProperty("local.server.port"));
    }
}
