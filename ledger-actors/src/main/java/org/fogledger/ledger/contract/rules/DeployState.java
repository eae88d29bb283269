package org.fogledger.ledger.contract.rules;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** Every program deployed, by name. Only grows: a deployed program is never changed or removed. */
public record DeployState(SortedMap<String, DeployedProgram> programs) {

    public static final DeployState EMPTY = new DeployState(new TreeMap<>());

    public DeployState {
        programs = Collections.unmodifiableSortedMap(new TreeMap<>(programs));
    }

    DeployState apply(DeployEvent event) {
        DeployEvent.ProgramDeployed deployed = (DeployEvent.ProgramDeployed) event;
        TreeMap<String, DeployedProgram> next = new TreeMap<>(programs);
        next.put(deployed.name(), deployed.program());
        return new DeployState(next);
    }
}
