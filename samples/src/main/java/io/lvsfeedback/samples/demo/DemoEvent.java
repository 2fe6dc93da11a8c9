package io.lvsfeedback.samples.demo;

/**
 * Something the demo did (make a server slow, drain it...), and what came of it.
 *
 * @param seconds     when it was started
 * @param doneSeconds when it had finished (a jmxterm call can take long on a busy machine)
 */
public record DemoEvent(double seconds, double doneSeconds, String label, String detail) {
}
