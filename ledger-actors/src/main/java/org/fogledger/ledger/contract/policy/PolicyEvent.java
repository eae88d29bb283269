package org.fogledger.ledger.contract.policy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What is persisted: a new version of a (scope, rank) policy committed, which is then the one in force. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(value = PolicyEvent.Applied.class, name = "applied")})
public sealed interface PolicyEvent {

    record Applied(IssuedPolicy policy) implements PolicyEvent {
    }
}
