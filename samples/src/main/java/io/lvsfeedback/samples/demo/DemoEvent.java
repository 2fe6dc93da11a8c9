package io.lvsfeedback.samples.demo;

/** Something the demo did (make a server slow, drain it...), and what came of it. */
public record DemoEvent(double seconds, String label, String detail) {
}
