package org.fogledger.simulator.architecture.planted.up;

import org.fogledger.simulator.architecture.planted.down.Down;

/** Half of a planted package cycle: up uses down... */
public final class Up {
    public Down below() {
        return new Down();
    }
}
