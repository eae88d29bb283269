package org.fogledger.ledger.contract.rules;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/** What the deploy contract persists. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = DeployEvent.ProgramDeployed.class, name = "program-deployed")})
public sealed interface DeployEvent {

    /** Program {@code name} was checked and deployed; from the next execution on, contract {@code name} exists. */
    record ProgramDeployed(String name, DeployedProgram program) implements DeployEvent {
        public ProgramDeployed {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(program, "program");
        }
    }
}
