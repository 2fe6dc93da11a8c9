package io.lvsfeedback.agent.realserver;

/** The host refused or could not do a step (missing file, kernel error, no tool): becomes a failed {@link Check}. */
class EnvironmentException extends Exception {
    private static final long serialVersionUID = 1L;

    EnvironmentException(String message) {
        super(message);
    }

    EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
