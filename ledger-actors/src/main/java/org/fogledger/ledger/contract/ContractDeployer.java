package org.fogledger.ledger.contract;

import java.util.List;

/**
 * A contract through which other contracts are deployed at run time, as data. After every successful execution on
 * one of its instances, and when a host recovers, the host asks it which contracts its state defines and adds the
 * ones its catalog lacks, so a contract deployed in block h can be called from the next execution on.
 */
public interface ContractDeployer<S, E> extends Contract<S, E> {

    /** The contracts {@code state} defines, each under its own name. */
    List<Contract<?, ?>> deployedContracts(S state);
}
