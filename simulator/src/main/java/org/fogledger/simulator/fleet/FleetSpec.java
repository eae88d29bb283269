package org.fogledger.simulator.fleet;

/**
 * The simulated fleet's shape: how many devices, how many owners they belong to, and how the hierarchy places
 * them (regions, each with sites). Every device's key, owner, place and behaviour profile derive from the seed and
 * its index, so a fleet of a million devices is a few primitive arrays, not a million objects.
 */
public record FleetSpec(int devices, int owners, int regions, int sitesPerRegion, long seed) {

    public FleetSpec {
        if (devices < 1) {
            throw new IllegalArgumentException("fleet.devices must be at least 1, got " + devices);
        }
        if (owners < 1 || owners > devices) {
            throw new IllegalArgumentException("fleet.owners must be between 1 and the number of devices ("
                    + devices + "), got " + owners);
        }
        if (regions < 1 || sitesPerRegion < 1) {
            throw new IllegalArgumentException("fleet.regions and fleet.sitesPerRegion must be at least 1, got "
                    + regions + " and " + sitesPerRegion);
        }
    }
}
