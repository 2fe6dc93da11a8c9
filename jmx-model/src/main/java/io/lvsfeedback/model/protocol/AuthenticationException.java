package io.lvsfeedback.model.protocol;

/** A well-formed reply whose signature or nonce does not check out: forged, replayed or misconfigured. */
public final class AuthenticationException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
