package org.fogledger.cluster.api;

/**
 * A request the API answers with an error: the HTTP status and the stable code clients switch on, with a message
 * naming what is wrong. Thrown anywhere in a route; the server turns it into
 * {@code {"error": {"code": ..., "message": ...}}}. A detail, when set, is added to the body under its name: the
 * {@code receipt} of a committed transaction the contract refused, or the {@code dryRun} of one it would refuse.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String detailName;
    private final transient Object detail;

    public ApiProblem(int status, String code, String message) {
        this(status, code, message, null);
    }

    /** With the receipt of a committed transaction the contract refused ({@code receipt} in the body). */
    public ApiProblem(int status, String code, String message, Object receipt) {
        this(status, code, message, "receipt", receipt);
    }

    public ApiProblem(int status, String code, String message, String detailName, Object detail) {
        super(message);
        this.status = status;
        this.code = code;
        this.detailName = detailName;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The name under which {@link #detail()} goes in the body. */
    public String detailName() {
        return detailName;
    }

    /** What to carry in the body besides the error (a JSON node), or null. */
    public Object detail() {
        return detail;
    }

    static ApiProblem badRequest(String code, String message) {
        return new ApiProblem(400, code, message);
    }

    static ApiProblem notFound(String message) {
        return new ApiProblem(404, "not-found", message);
    }
}
