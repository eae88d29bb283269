package org.fogledger.simulator.architecture.planted.down;

import org.fogledger.simulator.architecture.planted.up.Up;

/** ...and down uses up, as FleetSpec in the engine used by the scenario, which the engine uses, once did. */
public final class Down {
    public Up above() {
        return new Up();
    }
}
