package io.lvsfeedback.samples.demo;

/**
 * One real server at one tick of the demo.
 *
 * @param weight   its weight in the kernel ({@code ipvsadm -Ln}); -1 when not listed
 * @param requests requests it answered that started in the last second
 * @param share    its share of the last second's answered requests, 0..1 (NaN when there were none)
 */
public record ServerSample(String name, int weight, int activeConnections, int requests, double share,
                           AgentView agent) {
}
