package org.fogledger.simulator.fleet;

/**
 * How a device behaves, derived from the seed and its index: scenarios may weigh operations by it (a chatty device
 * sends more readings). The shares are fixed: 70 % steady, 20 % chatty, 9 % quiet, 1 % hostile.
 */
public enum DeviceProfile {
    STEADY, CHATTY, QUIET, HOSTILE;

    static DeviceProfile of(int hash) {
        int percent = Math.floorMod(hash, 100);
        if (percent < 70) {
            return STEADY;
        }
        if (percent < 90) {
            return CHATTY;
        }
        return percent < 99 ? QUIET : HOSTILE;
    }
}
