package org.fogledger.cluster.fogctl;

/**
 * An apply file that cannot be applied, with where: {@code policy.yaml: document 2, line 7, column 5: field
 * 'spec.rules.firmware.minimum': ...}. Exit code {@link ExitCode#BAD_INPUT}; nothing was sent.
 */
final class ManifestException extends RuntimeException {
    ManifestException(String source, int document, int line, int column, String message) {
        super(source + ": " + (document > 0 ? "document " + document + (line > 0 ? ", " : ": ") : "")
                + (line > 0 ? "line " + line + ", column " + column + ": " : "") + message, null, false, false);
    }

    FogctlException toFogctl() {
        return new FogctlException(ExitCode.BAD_INPUT, "invalid-file", getMessage());
    }
}
