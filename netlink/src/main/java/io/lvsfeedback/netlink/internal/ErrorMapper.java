package io.lvsfeedback.netlink.internal;

import io.lvsfeedback.netlink.NetlinkException;

/** Turns a kernel errno (positive) and its optional extended-ack text into the caller's exception. */
public interface ErrorMapper {
    NetlinkException map(int errno, String kernelMessage);

    /** The shared mapping, naming the operation that failed. */
    static ErrorMapper forOperation(String operation) {
        return (errno, kernelMessage) -> Errno.toException(errno, operation, kernelMessage);
    }
}
