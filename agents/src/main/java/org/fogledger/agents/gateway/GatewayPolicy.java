package org.fogledger.agents.gateway;


/**
 * What a gateway enforces on its own, beside the registry's verdict and the ledger's policies (with which
 * {@link PolicyMapping} combines it, the stricter winning): the oldest firmware it lets in, how many failed
 * authentications (forged or replayed readings) it tolerates in one session before it quarantines the device, and
 * how many readings per second a device may send.
 *
 * @param minimumFirmware                  dotted numeric version (e.g. {@code 2.4.1}); null admits any firmware
 * @param quarantineAfterFailedAuthentications the session is closed at this many failed authentications (1-1000)
 * @param maxReadingsPerSecond             readings beyond this in one second are refused (not counted as failures)
 */
public record GatewayPolicy(String minimumFirmware, int quarantineAfterFailedAuthentications,
                            int maxReadingsPerSecond) {

    public GatewayPolicy {
        if (minimumFirmware != null) {
            FirmwareVersion.parse(minimumFirmware, "minimumFirmware");
        }
        if (quarantineAfterFailedAuthentications < 1 || quarantineAfterFailedAuthentications > 1000) {
            throw new IllegalArgumentException("quarantineAfterFailedAuthentications must be in 1..1000, got "
                    + quarantineAfterFailedAuthentications);
        }
        if (maxReadingsPerSecond < 1 || maxReadingsPerSecond > 100_000) {
            throw new IllegalArgumentException("maxReadingsPerSecond must be in 1..100000, got "
                    + maxReadingsPerSecond);
        }
    }

    /** Any firmware, quarantine at 5 failed authentications, 50 readings a second. */
    public static GatewayPolicy defaults() {
        return new GatewayPolicy(null, 5, 50);
    }

    public GatewayPolicy withMinimumFirmware(String version) {
        return new GatewayPolicy(version, quarantineAfterFailedAuthentications, maxReadingsPerSecond);
    }

    public GatewayPolicy withQuarantineAfter(int failures) {
        return new GatewayPolicy(minimumFirmware, failures, maxReadingsPerSecond);
    }

    public GatewayPolicy withMaxReadingsPerSecond(int rate) {
        return new GatewayPolicy(minimumFirmware, quarantineAfterFailedAuthentications, rate);
    }

    /** Null when {@code firmware} meets the minimum, else the reason to refuse it. */
    public String firmwareRefusal(String firmware) {
        return FirmwareVersion.refusal(firmware, minimumFirmware, null);
    }
}
