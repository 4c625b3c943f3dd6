package dev.contactcenter.core.store;

/** A conditional write lost a race: what it was based on changed. Services map it to 409 or retry. */
public class StaleWriteException extends RuntimeException {
    public StaleWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
