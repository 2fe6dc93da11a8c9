package io.lvsfeedback.samples.demo;

/** One real server as {@code ipvsadm -Ln} lists it under a virtual service. */
public record IpvsDestination(String address, String forward, int weight, int activeConnections,
                              int inactiveConnections) {

    /** The address without the port: {@code 10.0.0.11} of {@code 10.0.0.11:8080}. */
    public String host() {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }
}
