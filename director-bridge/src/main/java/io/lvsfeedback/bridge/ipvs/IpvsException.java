package io.lvsfeedback.bridge.ipvs;

/** The IPVS table could not be read or written as a whole (socket, module missing, permission). */
public final class IpvsException extends Exception {
    private static final long serialVersionUID = 1L;

    public IpvsException(String message, Throwable cause) {
        super(message, cause);
    }

    public IpvsException(String message) {
        super(message);
    }
}
