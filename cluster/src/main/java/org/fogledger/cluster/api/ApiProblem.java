package org.fogledger.cluster.api;

/**
 * A request the API answers with an error: the HTTP status and the stable code clients switch on, with a message
 * naming what is wrong. Thrown anywhere in a route; the server turns it into
 * {@code {"error": {"code": ..., "message": ...}}}. {@code receipt}, when set, is added to the body (a committed
 * transaction the contract refused).
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final transient Object receipt;

    public ApiProblem(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiProblem(int status, String code, String message, Object receipt) {
        super(message);
        this.status = status;
        this.code = code;
        this.receipt = receipt;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The receipt to carry in the body, or null. */
    public Object receipt() {
        return receipt;
    }

    static ApiProblem badRequest(String code, String message) {
        return new ApiProblem(400, code, message);
    }

    static ApiProblem notFound(String message) {
        return new ApiProblem(404, "not-found", message);
    }
}
