package io.lvsfeedback.netlink.internal;

/** The kernel's answer to one request of a batch: errno 0 for success, else the error and its text. */
public final class KernelReply {
    private final int errno;
    private final String kernelMessage;

    public KernelReply(int errno, String kernelMessage) {
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    public int errno() {
        return errno;
    }

    /** The kernel's extended-ack text, or null. */
    public String kernelMessage() {
        return kernelMessage;
    }

    public boolean ok() {
        return errno == 0;
    }
}
