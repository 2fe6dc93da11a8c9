package io.lvsfeedback.agent.realserver;

/** EPERM from netlink or EACCES on a sysctl: this process lacks CAP_NET_ADMIN, so configuring degrades to verifying. */
final class NotPermittedException extends EnvironmentException {
    private static final long serialVersionUID = 1L;

    NotPermittedException(String message) {
        super(message);
    }
}
