package org.fogledger.ledger.validator;

import org.fogledger.ledger.wire.KryoRegistrar;
import org.fogledger.ledger.wire.KryoRegistry;

/**
 * Wire registrations of the validator's messages: ids 1100-1199 of the ledger-actors range (see
 * {@code LedgerKryoRegistrar} for the sub-ranges). Never renumber or reuse an id.
 */
public final class ValidatorKryoRegistrar implements KryoRegistrar {

    @Override
    public void register(KryoRegistry registry) {
        registry.register(ValidatorActor.FromPeer.class, 1100);
        registry.register(ValidatorActor.ForwardedTransactions.class, 1101);
        registry.register(ValidatorActor.Submit.class, 1102);
        registry.register(ValidatorActor.GetStatus.class, 1103);
        registry.register(SubmitResult.Committed.class, 1104);
        registry.register(SubmitResult.Refused.class, 1105);
        registry.register(ValidatorStatus.class, 1106);
        registry.register(ValidatorActor.GetCommittedHashes.class, 1107);
        registry.register(CommittedHashes.class, 1108);
        registry.register(ValidatorActor.QueryContract.class, 1109);
        registry.register(org.fogledger.ledger.execution.ContractHost.QueryResult.class, 1110);
        registry.register(ValidatorActor.SubscribeExecuted.class, 1111);
        registry.register(ValidatorActor.UnsubscribeExecuted.class, 1112);
        registry.register(ExecutedBlockNotice.class, 1113);
        registry.register(ValidatorActor.NextNonce.class, 1114);
        registry.register(ValidatorActor.NextNonceAnswer.class, 1115);
        registry.register(ValidatorActor.GetProofMaterial.class, 1116);
        registry.register(ProofMaterialAnswer.ProofMaterial.class, 1117);
        registry.register(ProofMaterialAnswer.Refused.class, 1118);
        registry.register(ValidatorActor.DryRunTransaction.class, 1119);
        registry.register(org.fogledger.ledger.execution.DryRunResult.class, 1120);
        registry.register(org.fogledger.ledger.execution.DryRunResult.Step.class, 1121);
    }
}
