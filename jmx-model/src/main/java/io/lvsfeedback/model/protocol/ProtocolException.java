package io.lvsfeedback.model.protocol;

/** A request or reply that breaks the feedback protocol; the message says what and where. */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
